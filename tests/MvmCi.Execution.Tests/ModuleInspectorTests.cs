using MvmCi.Testing;

namespace MvmCi.Execution.Tests;

public sealed class ModuleInspectorTests : IDisposable
{
    private readonly ExecutorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void ValidModuleListsItsImportsAndExports()
    {
        var inspection = _harness.Inspector.Inspect(Guests.Wasm("exit3"));

        Assert.True(inspection.IsValid);
        Assert.Contains(inspection.Imports, i => i is { Module: "wasi_snapshot_preview1", Name: "proc_exit", Kind: "function" });
        Assert.Contains(inspection.Exports, e => e is { Name: "_start", Kind: "function" });
        Assert.Contains(inspection.Exports, e => e is { Name: "memory", Kind: "memory" });
    }

    [Fact]
    public void WasiImportsAreProvided()
    {
        var inspection = _harness.Inspector.Inspect(Guests.Wasm("echo"));

        Assert.Empty(inspection.MissingImports);
    }

    [Fact]
    public void ImportsTheSandboxDoesNotProvideAreNamed()
    {
        var inspection = _harness.Inspector.Inspect(Guests.Wasm("unknown-import"));

        Assert.True(inspection.IsValid);
        var missing = Assert.Single(inspection.MissingImports);
        Assert.Equal(("env", "launch_missiles"), (missing.Module, missing.Name));
    }

    [Fact]
    public void AWasiNameWithTheWrongSignatureIsMissing()
    {
        var wasm = Wasmtime.Module.ConvertText("""
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func (param i32) (result i32)))
              (func (export "_start")))
            """);

        var inspection = _harness.Inspector.Inspect(wasm);

        Assert.Equal("fd_write", Assert.Single(inspection.MissingImports).Name);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00 })] // truncated header
    [InlineData(new byte[] { 0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00 })] // an ELF file
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05 })] // section cut short
    public void InvalidBytesAreRejectedWithWasmtimesReason(byte[] bytes)
    {
        var inspection = _harness.Inspector.Inspect(bytes);

        Assert.False(inspection.IsValid);
        Assert.False(string.IsNullOrWhiteSpace(inspection.Error));
    }
}
