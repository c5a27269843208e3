namespace MvmCi.Bench.Systems;

/// <summary>An MvmCi the harness drives: one it started through the AppHost, or one already running.</summary>
public interface ISystemUnderTest : IAsyncDisposable
{
    /// <summary>The control plane's base address.</summary>
    Uri ControlPlane { get; }

    /// <summary>The API key the harness sends (an admin key); null for a system that checks none.</summary>
    string? ApiKey { get; }

    /// <summary>The Redis the system uses (host:port), for the floor; null when unknown.</summary>
    string? RedisConnection { get; }

    /// <summary>The key prefix its services use, to find their processes; null when unknown.</summary>
    string? KeyspacePrefix { get; }

    /// <summary>When the harness started it (the AppHost start), and when each resource became healthy; null when it was running already.</summary>
    StartupTimeline? Startup { get; }
}
