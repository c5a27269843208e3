using MvmCi.Jobs.Contracts;

namespace MvmCi.Execution.Files;

/// <summary>
/// The host directories behind one run's preopens: <c>/work</c> (read-write, empty) and <c>/inputs</c>
/// (the job's input blobs, mounted read-only), rented from a <see cref="ScratchPool"/> and given back on
/// dispose. Artifacts are collected from <c>/work</c> without following symbolic links, so a guest cannot
/// make the host read outside it.
/// </summary>
public sealed class ScratchSpace : IDisposable
{
    private readonly ScratchPool _pool;
    private int _returned;

    internal ScratchSpace(ScratchPool pool, string workPath, string inputsPath, bool ownsInputs)
    {
        _pool = pool;
        WorkPath = workPath;
        InputsPath = inputsPath;
        OwnsInputs = ownsInputs;
    }

    public string WorkPath { get; }

    public string InputsPath { get; }

    /// <summary>Whether <see cref="InputsPath"/> is this run's own (else the pool's shared empty one).</summary>
    internal bool OwnsInputs { get; }

    /// <summary>
    /// Stores each output (a file, or every file under a directory) as a blob, up to <paramref name="maxBytes"/> in all.
    /// Missing paths, links and files over the limit are listed with the reason they were skipped.
    /// </summary>
    public async Task<IReadOnlyList<Artifact>> CollectAsync(
        IReadOnlyList<string> outputs, long maxBytes, CancellationToken cancellationToken)
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
                artifacts.Add(new Artifact(relative, await _pool.Blobs.PutAsync(bytes, cancellationToken).ConfigureAwait(false), bytes.Length));
            }
        }
        return artifacts;
    }

    /// <summary>The full path of a relative guest path under <paramref name="root"/>, or null when it would leave it.</summary>
    internal static string? Resolve(string root, string relative)
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
        for (var current = path; current.Length > WorkPath.Length; current = Path.GetDirectoryName(current)!)
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
        if (Interlocked.Exchange(ref _returned, 1) == 0)
        {
            _pool.Return(this);
        }
    }
}
