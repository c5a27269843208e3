using MvmCi.Jobs.Contracts;

namespace MvmCi.Execution.Modules;

/// <summary>The result of compiling uploaded bytes: either the module's symbols or Wasmtime's reason.</summary>
public sealed record ModuleInspection(
    bool IsValid, string? Error, IReadOnlyList<ModuleSymbol> Imports, IReadOnlyList<ModuleSymbol> Exports)
{
    /// <summary>Imports the sandbox does not provide (unknown names, other signatures, non-function imports).</summary>
    public IReadOnlyList<ModuleSymbol> MissingImports { get; init; } = [];
}
