namespace MvmCi.Jobs.Contracts;

/// <summary>What a worker asks an executor to run (<c>POST /v1/executions</c>).</summary>
public sealed record ExecutionRequest
{
    public required string JobId { get; init; }
    public required int Attempt { get; init; }
    public required string ModuleDigest { get; init; }
    /// <summary>argv[0] of the guest.</summary>
    public required string ModuleName { get; init; }
    public IReadOnlyList<string> Args { get; init; } = [];
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();
    public string? Stdin { get; init; }
    public required int TimeoutSeconds { get; init; }

    /// <summary>The job's <c>input</c>, handed to the guest by <c>mvmci.get_input</c>.</summary>
    public string? Input { get; init; }

    /// <summary>Journal WASI clocks and random even when the module imports nothing from <c>mvmci</c>.</summary>
    public bool Durable { get; init; }

    /// <summary>Blobs mounted read-only under <c>/inputs</c>.</summary>
    public IReadOnlyList<InputFile> Inputs { get; init; } = [];

    /// <summary>Paths under <c>/work</c> (files or directories) collected as artifacts when the run ends.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];

    /// <summary>Hosts (or <c>host:port</c>) this job's guest may reach, besides the executor's own allow-list.</summary>
    public IReadOnlyList<string> HttpAllowedHosts { get; init; } = [];
    /// <summary>
    /// Environment variable → stored secret name, as the job names them. The worker resolves them into <see cref="Env"/>
    /// (and masks their values in everything it records) and sends the executor none of these names.
    /// </summary>
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();
}
