namespace MvmCi.Jobs.Contracts;

/// <summary>One import or export of a module. <see cref="Module"/> is null for exports.</summary>
public sealed record ModuleSymbol(string? Module, string Name, string Kind);
