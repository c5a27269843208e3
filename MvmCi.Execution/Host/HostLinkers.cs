using System.Runtime.CompilerServices;
using MvmCi.Execution.Runtime;
using Wasmtime;

namespace MvmCi.Execution.Host;

/// <summary>
/// The two linkers every run instantiates with, built once per process: WASI preview1 plus the
/// <c>mvmci</c> host module, with the executor's own <c>poll_oneoff</c> (see HostFunctions.Clocks.cs); the durable one
/// also journals WASI's clocks and random.
/// </summary>
public sealed class HostLinkers : IDisposable
{
    private readonly ConditionalWeakTable<Module, StrongBox<bool>> _usesHostModule = [];

    public HostLinkers(WasmRuntime runtime, GuestHttp http)
    {
        Plain = new Linker(runtime.Engine);
        Plain.DefineWasi();
        HostFunctions.DefineHostModule(Plain, http);
        HostFunctions.DefinePlainClock(Plain);
        HostFunctions.DefinePollOneoff(Plain);

        Durable = new Linker(runtime.Engine);
        Durable.DefineWasi();
        HostFunctions.DefineHostModule(Durable, http);
        HostFunctions.DefineDurableWasi(Durable);
        HostFunctions.DefinePollOneoff(Durable);
    }

    public Linker Plain { get; }

    public Linker Durable { get; }

    /// <summary>Whether the module imports anything from <c>mvmci</c>, which makes its runs durable.</summary>
    public bool UsesHostModule(Module module) =>
        _usesHostModule.GetValue(module, static m => new StrongBox<bool>(m.Imports.Any(i => i.ModuleName == HostFunctions.ModuleName))).Value;

    public void Dispose()
    {
        Plain.Dispose();
        Durable.Dispose();
    }
}
