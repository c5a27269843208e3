using System.Collections.Concurrent;
using System.Diagnostics;
using MvmCi.Execution.Runtime;
using MvmCi.Jobs.Contracts;

namespace MvmCi.Execution.Files;

/// <summary>
/// Hands out the host directories behind each run's <c>/work</c> and <c>/inputs</c>. Creating and deleting
/// directories costs far more than running a small guest, so a <c>/work</c> the run left empty is kept for the
/// next run, a job without inputs gets one shared empty read-only <c>/inputs</c>, and directories with
/// content are deleted off the job's path. A directory is reused only when it is empty, so nothing a job
/// wrote is ever seen by another. Everything lives under a folder of this process, removed on dispose;
/// folders of processes that are gone (killed) are swept away on start.
/// </summary>
public sealed class ScratchPool : IDisposable
{
    private readonly ConcurrentBag<string> _free = [];
    private readonly IBlobStore _blobs;
    private readonly int _maxFree;
    private int _next;

    public ScratchPool(WasmRuntime runtime, IBlobStore blobs)
    {
        _blobs = blobs;
        _maxFree = runtime.Options.MaxConcurrency * 2;
        var parent = string.IsNullOrEmpty(runtime.Options.ScratchRoot)
            ? Path.Combine(Path.GetTempPath(), "mvmci-scratch")
            : runtime.Options.ScratchRoot;
        Directory.CreateDirectory(parent);
        SweepOrphans(parent);
        Root = Path.Combine(parent, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        EmptyInputs = Path.Combine(Root, "no-inputs");
        Directory.CreateDirectory(EmptyInputs);
    }

    /// <summary>This process's folder: every scratch directory is below it.</summary>
    public string Root { get; }

    /// <summary>The read-only <c>/inputs</c> of jobs that have none.</summary>
    public string EmptyInputs { get; }

    /// <summary>Where inputs are read from and artifacts are stored.</summary>
    internal IBlobStore Blobs => _blobs;

    /// <summary>Directories kept for reuse right now.</summary>
    public int FreeCount => _free.Count;

    /// <summary>An empty <c>/work</c> and the job's inputs; throws <see cref="InputUnavailableException"/> for a missing blob.</summary>
    public async Task<ScratchSpace> RentAsync(ExecutionRequest request, CancellationToken cancellationToken)
    {
        if (!_free.TryTake(out var work))
        {
            work = Path.Combine(Root, "w" + Interlocked.Increment(ref _next));
            Directory.CreateDirectory(work);
        }
        if (request.Inputs.Count == 0)
        {
            return new ScratchSpace(this, work, EmptyInputs, ownsInputs: false);
        }

        var inputs = Path.Combine(Root, "i" + Interlocked.Increment(ref _next));
        var scratch = new ScratchSpace(this, work, inputs, ownsInputs: true);
        try
        {
            Directory.CreateDirectory(inputs);
            foreach (var input in request.Inputs)
            {
                var bytes = await _blobs.GetAsync(input.Blob, cancellationToken).ConfigureAwait(false)
                    ?? throw new InputUnavailableException($"Input '{input.Path}' names blob {input.Blob}, which is not stored.");
                var target = ScratchSpace.Resolve(inputs, input.Path)
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

    /// <summary>Takes the directories back: an empty <c>/work</c> is kept for reuse, the rest is deleted in the background.</summary>
    internal void Return(ScratchSpace scratch)
    {
        if (scratch.OwnsInputs)
        {
            DeleteLater(scratch.InputsPath);
        }
        if (_free.Count < _maxFree && IsEmpty(scratch.WorkPath))
        {
            _free.Add(scratch.WorkPath);
        }
        else
        {
            DeleteLater(scratch.WorkPath);
        }
    }

    private static bool IsEmpty(string directory)
    {
        try
        {
            return !Directory.EnumerateFileSystemEntries(directory).Any();
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void DeleteLater(string directory) => _ = Task.Run(() => DeleteQuietly(directory));

    private static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Deletes the folders of executor processes that no longer run (named <c>{pid}-{guid}</c>).</summary>
    private static void SweepOrphans(string parent)
    {
        foreach (var directory in Directory.EnumerateDirectories(parent))
        {
            var name = Path.GetFileName(directory);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(name.AsSpan(0, dash), out var pid) && !IsRunning(pid))
            {
                DeleteLater(directory);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public void Dispose() => DeleteQuietly(Root);
}
