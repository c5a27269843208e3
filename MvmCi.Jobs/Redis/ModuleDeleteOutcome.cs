namespace MvmCi.Jobs.Redis;

/// <summary>How a module delete ended.</summary>
/// <param name="Found">The module existed.</param>
/// <param name="Deleted">It was deleted (with its aliases).</param>
/// <param name="UsedBy">When not deleted: ids of (up to 10) unfinished jobs that use it.</param>
public sealed record ModuleDeleteOutcome(bool Found, bool Deleted, IReadOnlyList<string> UsedBy);
