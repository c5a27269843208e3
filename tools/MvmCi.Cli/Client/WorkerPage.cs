using MvmCi.Jobs.Contracts;

namespace MvmCi.Cli.Client;

/// <summary>The answer of <c>GET /api/workers</c>.</summary>
public sealed record WorkerPage(IReadOnlyList<WorkerRecord> Items);
