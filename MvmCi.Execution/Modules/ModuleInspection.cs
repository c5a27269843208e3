using MvmCi.Jobs.Contracts;

namespace MvmCi.Execution.Modules;

/// <summary>The result of compiling uploaded bytes: either the module's symbols or Wasmtime's reason.</summary>
public sealed record ModuleInspection(
    bool IsValid, string? Error, IReadOnlyList<ModuleSymbol> Imports, IReadOnlyList<ModuleSymbol> Exports);
