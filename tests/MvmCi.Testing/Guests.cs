using Wasmtime;

namespace MvmCi.Testing;

/// <summary>
/// The test guests: the small .wat files of tests/Guests (copied beside the test assemblies), and the
/// rustc/clang guests and examples that scripts/build-guests.sh builds into artifacts/guests.
/// </summary>
public static class Guests
{
    public static string Text(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Guests", name + ".wat"));

    /// <summary>The guest as binary WebAssembly, as a user would upload it.</summary>
    public static byte[] Wasm(string name) => Module.ConvertText(Text(name));

    /// <summary>A guest built by scripts/build-guests.sh (./test.sh runs it first).</summary>
    public static byte[] Built(string name)
    {
        var path = Path.Combine(RepositoryRoot, "artifacts", "guests", name + ".wasm");
        return File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new FileNotFoundException($"Guest '{name}' is not built: run scripts/build-guests.sh (./test.sh does) to build {path}.", path);
    }

    /// <summary>tests/Guests/conformance.json, the expected behaviour of the built conformance guests.</summary>
    public static string ConformanceCases => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Guests", "conformance.json"));

    /// <summary>The folder holding MvmCi.sln, found upwards from the test assembly.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MvmCi.sln")))
                {
                    return dir.FullName;
                }
            }
            throw new DirectoryNotFoundException($"No MvmCi.sln above {AppContext.BaseDirectory}.");
        }
    }
}
