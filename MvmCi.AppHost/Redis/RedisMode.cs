namespace MvmCi.AppHost.Redis;

/// <summary>How the AppHost provides Redis in local runs. Publishing always uses the container.</summary>
public enum RedisMode
{
    /// <summary>The container when a container runtime answers, otherwise a local redis-server.</summary>
    Auto,
    /// <summary>The Aspire Redis container.</summary>
    Container,
    /// <summary>A local redis-server process.</summary>
    Local,
}
