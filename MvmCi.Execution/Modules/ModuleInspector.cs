using MvmCi.Execution.Host;
using MvmCi.Execution.Runtime;
using MvmCi.Jobs.Contracts;
using Wasmtime;

namespace MvmCi.Execution.Modules;

/// <summary>
/// Compiles uploaded bytes with Wasmtime to validate them, lists their imports and exports, and names
/// the imports the sandbox would not provide, so a module that cannot link is refused at upload
/// instead of failing every job.
/// </summary>
public sealed class ModuleInspector(WasmRuntime runtime, HostLinkers linkers)
{
    public ModuleInspection Inspect(ReadOnlySpan<byte> bytes)
    {
        try
        {
            using var module = Module.FromBytes(runtime.Engine, "upload", bytes);
            return new ModuleInspection(true, null, [.. module.Imports.Select(Describe)], [.. module.Exports.Select(Describe)])
            {
                MissingImports = MissingImports(module),
            };
        }
        catch (WasmtimeException ex)
        {
            return new ModuleInspection(false, ex.Message, [], []);
        }
    }

    /// <summary>Imports the sandbox's linker (WASI preview1 and the mvmci host module) does not define with the same signature.</summary>
    private List<ModuleSymbol> MissingImports(Module module)
    {
        using var store = new Store(runtime.Engine);
        var linker = linkers.Plain;
        var missing = new List<ModuleSymbol>();
        foreach (var import in module.Imports)
        {
            var provided = import is FunctionImport function
                && linker.GetFunction(store, import.ModuleName, import.Name) is { } host
                && host.Parameters.SequenceEqual(function.Parameters)
                && host.Results.SequenceEqual(function.Results);
            if (!provided)
            {
                missing.Add(Describe(import));
            }
        }
        return missing;
    }

    private static ModuleSymbol Describe(Import import) => new(import.ModuleName, import.Name, KindOf(import));

    private static ModuleSymbol Describe(Export export) => new(null, export.Name, KindOf(export));

    private static string KindOf(object symbol) => symbol switch
    {
        FunctionImport or FunctionExport => "function",
        MemoryImport or MemoryExport => "memory",
        TableImport or TableExport => "table",
        GlobalImport or GlobalExport => "global",
        _ => "tag",
    };
}
