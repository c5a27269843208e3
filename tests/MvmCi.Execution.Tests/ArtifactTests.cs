using System.Text;
using MvmCi.Jobs.Contracts;
using MvmCi.Testing;

namespace MvmCi.Execution.Tests;

/// <summary>Outputs are collected from /work when the run ends; nothing outside it is ever read.</summary>
public sealed class ArtifactTests : IDisposable
{
    private readonly ExecutorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task NamedOutputsAreStoredAsBlobsAndMissingOnesAreListed()
    {
        var result = await _harness.RunBuiltAsync("rust-files", new ExecutorHarness.Job { Outputs = ["out.txt", "sub", "absent.txt"] });

        Assert.Null(result.FailureReason);
        var artifact = Assert.Single(result.Artifacts, a => a.Path == "out.txt");
        Assert.Equal(21, artifact.Size);
        Assert.Equal("hello from the guest\n", Encoding.UTF8.GetString(_harness.Blobs[artifact.Digest!]!));
        Assert.Equal("missing", Assert.Single(result.Artifacts, a => a.Path == "absent.txt").Skipped);
        Assert.DoesNotContain(result.Artifacts, a => a.Path.StartsWith("sub", StringComparison.Ordinal)); // an empty directory has no files
    }

    [Fact]
    public async Task NothingAJobWroteIsSeenByTheNextOrLeftBehind()
    {
        var root = Directory.CreateTempSubdirectory("mvmci-scratch-test").FullName;
        using (var harness = new ExecutorHarness(o => o.ScratchRoot = root))
        {
            // rust-files creates /work/sub and fails if it exists: the second run must get a fresh /work.
            var first = await harness.RunBuiltAsync("rust-files", new ExecutorHarness.Job());
            var second = await harness.RunBuiltAsync("rust-files", new ExecutorHarness.Job());
            var noop = await harness.RunAsync("echo", ["x"]);

            Assert.Null(first.FailureReason);
            Assert.Null(second.FailureReason);
            Assert.Null(noop.FailureReason);
            // The echo run left /work empty, so that directory is kept for the next run.
            Assert.Equal(1, harness.Scratch.FreeCount);
            // Directories with files are deleted in the background, soon after their run.
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (Directory.GetFiles(root, "*", SearchOption.AllDirectories).Length > 0 && watch.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(20);
            }
            Assert.Empty(Directory.GetFiles(root, "*", SearchOption.AllDirectories));
        }
        Assert.Empty(Directory.GetFileSystemEntries(root));
        Directory.Delete(root);
    }

    [Fact]
    public async Task SymbolicLinksAreNotFollowedWhenCollecting()
    {
        var blobs = _harness.Blobs;
        var request = new ExecutionRequest { JobId = "links", Attempt = 1, ModuleDigest = "sha256:x", ModuleName = "x", TimeoutSeconds = 1 };
        using var scratch = await _harness.Scratch.RentAsync(request, CancellationToken.None);
        File.CreateSymbolicLink(Path.Combine(scratch.WorkPath, "passwd"), "/etc/passwd");
        Directory.CreateSymbolicLink(Path.Combine(scratch.WorkPath, "etc"), "/etc");
        Directory.CreateDirectory(Path.Combine(scratch.WorkPath, "out"));
        File.WriteAllText(Path.Combine(scratch.WorkPath, "out", "ok.txt"), "ok");
        File.CreateSymbolicLink(Path.Combine(scratch.WorkPath, "out", "hosts"), "/etc/hosts");

        var artifacts = await scratch.CollectAsync(["passwd", "etc/hostname", "out", "../../etc/passwd"], 1024 * 1024, CancellationToken.None);

        Assert.Equal(["passwd", "etc/hostname", "out/ok.txt", "../../etc/passwd"], artifacts.Select(a => a.Path));
        Assert.All(artifacts.Where(a => a.Path != "out/ok.txt"), a => Assert.Null(a.Digest));
        Assert.Equal("ok", Encoding.UTF8.GetString(blobs[artifacts.Single(a => a.Path == "out/ok.txt").Digest!]!));
    }

    [Fact]
    public async Task ArtifactsOverTheLimitAreListedAsSkipped()
    {
        using var harness = new ExecutorHarness(o => o.MaxArtifactBytes = 10);

        var result = await harness.RunBuiltAsync("rust-files", new ExecutorHarness.Job { Outputs = ["out.txt"] });

        var artifact = Assert.Single(result.Artifacts);
        Assert.Null(artifact.Digest);
        Assert.Contains("artifact limit", artifact.Skipped, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InputNamingAnUnknownBlobFailsBeforeTheGuestStarts()
    {
        var request = new ExecutionRequest
        {
            JobId = "in", Attempt = 1, ModuleDigest = "sha256:echo", ModuleName = "echo", TimeoutSeconds = 1,
            Inputs = [new InputFile("data.txt", "sha256:" + new string('0', 64))],
        };
        _harness.Source.Add("sha256:echo", Guests.Wasm("echo"));

        var result = await _harness.Executor.ExecuteAsync(request, NullObserver.Instance, CancellationToken.None);

        Assert.Equal(MvmCi.Jobs.State.FailureReasons.InputUnavailable, result.FailureReason);
        Assert.Equal(0, _harness.StartedCalls);
    }

    [Fact]
    public async Task ScratchDirectoryGuestPathIsConfigurable()
    {
        using var harness = new ExecutorHarness(o => o.WorkDirectory = "/scratch");

        var result = await harness.RunBuiltAsync("rust-files", new ExecutorHarness.Job());

        // The guest writes /work/out.txt, which is no preopen now.
        Assert.Equal(MvmCi.Jobs.State.FailureReasons.Trap, result.FailureReason);
        Assert.Contains("write /work/out.txt", result.Stderr, StringComparison.Ordinal);
    }
}
