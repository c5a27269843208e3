using MvmCi.Jobs.Contracts;

namespace MvmCi.Cli.Client;

/// <summary>One page of <c>GET /api/jobs</c>: newest first; <see cref="Next"/> is the cursor of the following page.</summary>
public sealed record JobPage(IReadOnlyList<JobRecord> Items, string? Next);
