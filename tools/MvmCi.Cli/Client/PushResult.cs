using MvmCi.Jobs.Contracts;

namespace MvmCi.Cli.Client;

/// <summary>The stored module; <see cref="Created"/> is false when the bytes were already stored (200 instead of 201).</summary>
public sealed record PushResult(ModuleRecord Module, bool Created);
