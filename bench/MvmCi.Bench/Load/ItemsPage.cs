namespace MvmCi.Bench.Load;

/// <summary>A list answer of the API: <c>{ items: [...] }</c>.</summary>
public sealed record ItemsPage<T>(IReadOnlyList<T> Items);
