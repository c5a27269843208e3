namespace MvmCi.Execution.Registry;

/// <summary>How an executor names itself in the registry: its id, kind (service or embedded) and, when embedded, its worker.</summary>
public sealed record ExecutorIdentity(string Id, string Kind, string? WorkerId = null);
