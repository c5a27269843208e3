namespace MvmCi.Jobs.Redis;

/// <summary>
/// Which jobs a list shows: an optional status and queue, newest or oldest first, and where the page
/// starts (<see cref="Cursor"/>: the <see cref="JobPage.Next"/> of the previous page).
/// </summary>
public sealed record JobQuery(string? Status = null, string? Queue = null, bool OldestFirst = false, int Limit = 50, string? Cursor = null);
