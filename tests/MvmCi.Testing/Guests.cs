using Wasmtime;

namespace MvmCi.Testing;

/// <summary>The small .wat guests in tests/Guests, copied beside the test assemblies.</summary>
public static class Guests
{
    public static string Text(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Guests", name + ".wat"));

    /// <summary>The guest as binary WebAssembly, as a user would upload it.</summary>
    public static byte[] Wasm(string name) => Module.ConvertText(Text(name));
}
