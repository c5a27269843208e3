namespace MvmCi.Jobs.Redis;

/// <summary>What storing a module did.</summary>
public enum ModulePutOutcome
{
    /// <summary>New bytes were stored.</summary>
    Created,
    /// <summary>The same bytes were already stored (the alias, if any, is now bound too).</summary>
    Exists,
    /// <summary>The name@version is already bound to other bytes; nothing changed.</summary>
    AliasConflict,
}
