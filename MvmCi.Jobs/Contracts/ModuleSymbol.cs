using System.Text.Json.Serialization;

namespace MvmCi.Jobs.Contracts;

/// <summary>One import or export of a module. <see cref="Module"/> is null for exports.</summary>
public sealed record ModuleSymbol(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Module, string Name, string Kind);
