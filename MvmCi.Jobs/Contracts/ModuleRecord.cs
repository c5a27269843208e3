namespace MvmCi.Jobs.Contracts;

/// <summary>A module in the registry (<c>GET /api/modules/{ref}</c>).</summary>
public sealed record ModuleRecord
{
    public required string Digest { get; init; }
    public required long Size { get; init; }
    /// <summary>The name@version of the upload this answers; null when the upload had none.</summary>
    public string? Name { get; init; }
    public string? Version { get; init; }
    public required IReadOnlyList<ModuleSymbol> Imports { get; init; }
    public required IReadOnlyList<ModuleSymbol> Exports { get; init; }
    /// <summary>Every name@version bound to these bytes.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public required DateTimeOffset CreatedAt { get; init; }
}
