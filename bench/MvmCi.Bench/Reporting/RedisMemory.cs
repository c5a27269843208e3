namespace MvmCi.Bench.Reporting;

/// <summary>What Redis holds at one moment: <c>used_memory</c>, its RSS as Redis reports it, its keys, and the jobs MvmCi keeps.</summary>
public sealed record RedisMemory(double UsedMiB, double RssMiB, long Keys, long? Jobs);
