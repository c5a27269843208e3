using System.Text;
using System.Text.Json;
using MvmCi.Testing;

namespace MvmCi.Execution.Tests;

/// <summary>
/// Real guests built by Debian's rustc (wasm32-wasi) and clang + wasi-libc, run in the sandbox and
/// compared with the stdout, exit code and failure reason tests/Guests/conformance.json expects.
/// </summary>
public sealed class ConformanceTests : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ExecutorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var item in Load())
        {
            data.Add(item.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task GuestBehavesAsExpected(string name)
    {
        var item = Load().Single(c => c.Name == name);

        var result = await _harness.RunBuiltAsync(item.Guest, new ExecutorHarness.Job
        {
            Args = item.Args,
            Env = item.Env,
            Stdin = item.Stdin,
            Inputs = (item.Inputs ?? []).ToDictionary(p => p.Key, p => Encoding.UTF8.GetBytes(p.Value)),
        });

        Assert.True(item.ExpectedExitCode == result.ExitCode, $"{result.FailureReason}: {result.FailureMessage} / {result.Stderr}");
        Assert.Equal(item.ExpectedStdout, result.Stdout);
        Assert.Equal(item.ExpectedExitCode, result.ExitCode);
        Assert.Equal(item.ExpectedFailureReason, result.FailureReason);
    }

    [Fact]
    public void EveryCaseHasAGuestBuiltForIt()
    {
        var cases = Load();

        Assert.True(cases.Count >= 20, $"only {cases.Count} conformance cases");
        Assert.Contains(cases, c => c.Guest.StartsWith("rust-", StringComparison.Ordinal));
        Assert.Contains(cases, c => c.Guest.StartsWith("c-", StringComparison.Ordinal));
        Assert.Contains(cases, c => c.Guest.StartsWith("as-", StringComparison.Ordinal));
        Assert.All(cases, c => Assert.NotEmpty(Guests.Built(c.Guest)));
    }

    private static List<ConformanceCase> Load() =>
        JsonSerializer.Deserialize<List<ConformanceCase>>(Guests.ConformanceCases, Json) ?? [];

    private sealed record ConformanceCase(
        string Name, string Guest, string[] Args, Dictionary<string, string> Env, string? Stdin, Dictionary<string, string>? Inputs,
        string ExpectedStdout, int? ExpectedExitCode, string? ExpectedFailureReason);
}
