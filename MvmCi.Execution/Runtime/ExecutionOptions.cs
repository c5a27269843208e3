using System.ComponentModel.DataAnnotations;

namespace MvmCi.Execution.Runtime;

/// <summary>Sandbox limits of the executor (configuration section <c>Execution</c>).</summary>
public sealed class ExecutionOptions
{
    public const string SectionName = "Execution";

    /// <summary>How many guests run at once in this process; further requests wait for a slot.</summary>
    [Range(1, 1024)]
    public int MaxConcurrency { get; set; } = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>Upper bound of a guest's linear memory, in bytes.</summary>
    [Range(64 * 1024, 16L * 1024 * 1024 * 1024)]
    public long MemoryLimitBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>CPU budget of one execution, in Wasmtime fuel units (about one per instruction).</summary>
    [Range(1, long.MaxValue)]
    public long FuelPerExecution { get; set; } = 200_000_000_000;

    /// <summary>Captured bytes per stream (stdout, stderr); output beyond is dropped and flagged as truncated.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxOutputBytes { get; set; } = 1024 * 1024;

    /// <summary>Granularity of wall-clock timeouts: the engine's epoch advances this often.</summary>
    [Range(1, 1000)]
    public int EpochTickMilliseconds { get; set; } = 10;

    /// <summary>Upper bound of a guest's tables (elements).</summary>
    [Range(1, 100_000_000)]
    public int MaxTableElements { get; set; } = 1_000_000;

    /// <summary>How many instances, tables and memories one guest may create (Wasmtime store limits).</summary>
    [Range(1, 10_000)]
    public int MaxInstances { get; set; } = 16;

    /// <inheritdoc cref="MaxInstances"/>
    [Range(1, 10_000)]
    public int MaxTables { get; set; } = 16;

    /// <inheritdoc cref="MaxInstances"/>
    [Range(1, 10_000)]
    public int MaxMemories { get; set; } = 4;

    /// <summary>
    /// Hosts every guest may reach through <c>mvmci.http_request</c>: comma-separated host names or
    /// <c>host:port</c>, or <c>*</c> for any. Empty (the default): none, unless the job allows a host itself
    /// (its <c>httpAllowedHosts</c>). Outbound HTTP is denied by default.
    /// </summary>
    [Required(AllowEmptyStrings = true)]
    public string HttpAllowedHosts { get; set; } = "";

    /// <summary>Upper bound of one guest HTTP request (it is also bounded by the job's own timeout).</summary>
    [Range(1, 3600)]
    public int HttpTimeoutSeconds { get; set; } = 30;

    /// <summary>Largest response body a guest HTTP request accepts.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int HttpMaxResponseBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The guest path of the job's read-write scratch directory.</summary>
    [RegularExpression("^/[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$", ErrorMessage = "Execution:WorkDirectory must be an absolute guest path such as /work.")]
    public string WorkDirectory { get; set; } = "/work";

    /// <summary>The guest path of the job's read-only inputs.</summary>
    [RegularExpression("^/[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$", ErrorMessage = "Execution:InputsDirectory must be an absolute guest path such as /inputs.")]
    public string InputsDirectory { get; set; } = "/inputs";

    /// <summary>Where per-job scratch directories (<c>/work</c>, <c>/inputs</c>) are created; empty for the system temp folder.</summary>
    public string ScratchRoot { get; set; } = "";

    /// <summary>Total bytes of artifacts collected from one job; files beyond are listed as skipped.</summary>
    [Range(0, 4L * 1024 * 1024 * 1024)]
    public long MaxArtifactBytes { get; set; } = 64L * 1024 * 1024;
}
