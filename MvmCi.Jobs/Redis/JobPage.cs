using MvmCi.Jobs.Contracts;

namespace MvmCi.Jobs.Redis;

/// <summary>A page of jobs, newest first; <see cref="Next"/> is the cursor of the following page.</summary>
public sealed record JobPage(IReadOnlyList<JobRecord> Items, string? Next);
