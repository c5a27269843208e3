namespace MvmCi.Jobs.Contracts;

/// <summary>What a worker asks an executor to run (<c>POST /v1/executions</c>).</summary>
public sealed record ExecutionRequest
{
    public required string JobId { get; init; }
    public required int Attempt { get; init; }
    public required string ModuleDigest { get; init; }
    /// <summary>argv[0] of the guest.</summary>
    public required string ModuleName { get; init; }
    public IReadOnlyList<string> Args { get; init; } = [];
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();
    public string? Stdin { get; init; }
    public required int TimeoutSeconds { get; init; }
}
