namespace MvmCi.Jobs;

/// <summary>Well-known queue names.</summary>
public static class Queues
{
    public const string Default = "default";
}
