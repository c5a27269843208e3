using MvmCi.Jobs.Contracts;

namespace MvmCi.Execution.Files;

/// <summary>
/// The host directories behind one run's preopens: <c>/work</c> (read-write, empty) and <c>/inputs</c>
/// (the job's input blobs, mounted read-only). Deleted when disposed. Artifacts are collected from
/// <c>/work</c> without following symbolic links, so a guest cannot make the host read outside it.
/// </summary>
public sealed class ScratchSpace : IDisposable
{
    private readonly string _root;

    private ScratchSpace(string root)
    {
        _root = root;
        WorkPath = Path.Combine(root, "work");
        InputsPath = Path.Combine(root, "inputs");
        Directory.CreateDirectory(WorkPath);
        Directory.CreateDirectory(InputsPath);
    }

    public string WorkPath { get; }

    public string InputsPath { get; }

    /// <summary>Creates the directories and writes the inputs; throws <see cref="InputUnavailableException"/> for a missing blob.</summary>
    public static async Task<ScratchSpace> CreateAsync(
        string parent, ExecutionRequest request, IBlobStore blobs, CancellationToken cancellationToken)
    {
        var root = Path.Combine(string.IsNullOrEmpty(parent) ? Path.Combine(Path.GetTempPath(), "mvmci-scratch") : parent,
            $"{request.JobId}-{request.Attempt}-{Guid.NewGuid():N}");
        var scratch = new ScratchSpace(root);
        try
        {
            foreach (var input in request.Inputs)
            {
                var bytes = await blobs.GetAsync(input.Blob, cancellationToken).ConfigureAwait(false)
                    ?? throw new InputUnavailableException($"Input '{input.Path}' names blob {input.Blob}, which is not stored.");
                var target = Resolve(scratch.InputsPath, input.Path)
                    ?? throw new InputUnavailableException($"Input path '{input.Path}' is not a relative path inside /inputs.");
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await File.WriteAllBytesAsync(target, bytes, cancellationToken).ConfigureAwait(false);
            }
            return scratch;
        }
        catch
        {
            scratch.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stores each output (a file, or every file under a directory) as a blob, up to <paramref name="maxBytes"/> in all.
    /// Missing paths, links and files over the limit are listed with the reason they were skipped.
    /// </summary>
    public async Task<IReadOnlyList<Artifact>> CollectAsync(
        IReadOnlyList<string> outputs, long maxBytes, IBlobStore blobs, CancellationToken cancellationToken)
    {
        var artifacts = new List<Artifact>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (var output in outputs)
        {
            var path = Resolve(WorkPath, output);
            if (path is null || HasLink(path))
            {
                artifacts.Add(new Artifact(output, null, 0, "not a plain path inside /work (or it goes through a symbolic link)"));
                continue;
            }
            IEnumerable<string> files;
            if (File.Exists(path))
            {
                files = [path];
            }
            else if (Directory.Exists(path))
            {
                files = Directory.EnumerateFiles(path, "*", new EnumerationOptions
                {
                    RecurseSubdirectories = true,
                    AttributesToSkip = FileAttributes.ReparsePoint,
                    IgnoreInaccessible = true,
                }).Order(StringComparer.Ordinal);
            }
            else
            {
                artifacts.Add(new Artifact(output, null, 0, "missing"));
                continue;
            }

            foreach (var file in files)
            {
                var relative = Path.GetRelativePath(WorkPath, file).Replace('\\', '/');
                if (!seen.Add(relative))
                {
                    continue;
                }
                var info = new FileInfo(file);
                if (total + info.Length > maxBytes)
                {
                    artifacts.Add(new Artifact(relative, null, info.Length, $"over the artifact limit of {maxBytes} bytes per job"));
                    continue;
                }
                var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
                total += bytes.Length;
                artifacts.Add(new Artifact(relative, await blobs.PutAsync(bytes, cancellationToken).ConfigureAwait(false), bytes.Length));
            }
        }
        return artifacts;
    }

    /// <summary>The full path of a relative guest path under <paramref name="root"/>, or null when it would leave it.</summary>
    private static string? Resolve(string root, string relative)
    {
        relative = relative.TrimEnd('/');
        if (!JobPaths.IsValidRelative(relative))
        {
            return null;
        }
        var full = Path.GetFullPath(Path.Combine(root, relative));
        return full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || full == root ? full : null;
    }

    /// <summary>Whether any component of <paramref name="path"/> below the scratch root is a symbolic link.</summary>
    private bool HasLink(string path)
    {
        for (var current = path; current.Length > _root.Length; current = Path.GetDirectoryName(current)!)
        {
            if (File.Exists(current) || Directory.Exists(current))
            {
                if (new FileInfo(current).LinkTarget is not null)
                {
                    return true;
                }
            }
        }
        return false;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
