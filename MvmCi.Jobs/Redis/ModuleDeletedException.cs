namespace MvmCi.Jobs.Redis;

/// <summary>A job was submitted against a module that was deleted after the reference was resolved.</summary>
public sealed class ModuleDeletedException(string digest) : Exception($"Module {digest} was deleted.")
{
    public string Digest { get; } = digest;
}
