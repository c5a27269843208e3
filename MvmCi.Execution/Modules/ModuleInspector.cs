using MvmCi.Execution.Runtime;
using MvmCi.Jobs.Contracts;
using Wasmtime;

namespace MvmCi.Execution.Modules;

/// <summary>Compiles uploaded bytes with Wasmtime to validate them and list their imports and exports.</summary>
public sealed class ModuleInspector(WasmRuntime runtime)
{
    public ModuleInspection Inspect(ReadOnlySpan<byte> bytes)
    {
        try
        {
            using var module = Module.FromBytes(runtime.Engine, "upload", bytes);
            return new ModuleInspection(true, null, [.. module.Imports.Select(Describe)], [.. module.Exports.Select(Describe)]);
        }
        catch (WasmtimeException ex)
        {
            return new ModuleInspection(false, ex.Message, [], []);
        }
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
