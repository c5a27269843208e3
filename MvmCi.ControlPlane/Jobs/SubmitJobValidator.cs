using System.Text.RegularExpressions;
using MvmCi.ControlPlane.Modules;
using MvmCi.ControlPlane.Options;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.Security;

namespace MvmCi.ControlPlane.Jobs;

/// <summary>Field checks of a job submission; each error names the field it is about.</summary>
public static partial class SubmitJobValidator
{
    public const int MaxAllowedHosts = 32;
    public const int MaxSecrets = 32;

    /// <summary>A host name or IP address (letters, digits, '.', '-'; at most 253), optionally with ':port'.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(?::[0-9]{1,5})?$")]
    private static partial Regex HostPattern();

    public const int MaxArgs = 1024;
    public const int MaxArgLength = 64 * 1024;
    public const int MaxEnvVars = 256;
    public const int MaxEnvNameLength = 1024;
    public const int MaxEnvValueLength = 64 * 1024;
    public const int MaxStdinLength = 1024 * 1024;
    public const int MaxAttempts = 100;
    public const double MaxIntervalSeconds = 86_400;
    public const int MaxJobLifetimeSeconds = 7 * 86_400;
    public const int MaxPriority = 9;
    public const int MaxInputLength = 1024 * 1024;
    public const int MaxFiles = 64;

    private static readonly string EnvNameRule = $"Environment variable names must be 1-{MaxEnvNameLength} characters without '=' or NUL.";

    private static bool IsEnvName(string name) =>
        name.Length is > 0 and <= MaxEnvNameLength && !name.Contains('=', StringComparison.Ordinal) && !name.Contains('\0', StringComparison.Ordinal);

    public static Dictionary<string, string[]> Validate(SubmitJobRequest request, ControlPlaneOptions options)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fail(string field, string message) => errors[field] = [message];

        if (string.IsNullOrWhiteSpace(request.Module))
        {
            Fail("module", "'module' is required: a digest (sha256:<hex>) or name@version of an uploaded module.");
        }
        else if (!ModuleReference.IsValid(request.Module))
        {
            Fail("module", $"'module' must be a digest (sha256:<64 lowercase hex>) or name@version; got '{request.Module}'.");
        }

        if (request.Queue is { } queue && !ModuleReference.IsName(queue))
        {
            Fail("queue", $"'queue' is invalid: {ModuleReference.NameRule.Replace("a name", "a queue name", StringComparison.Ordinal)}.");
        }

        if (request.Priority is { } priority && (priority < 0 || priority > MaxPriority))
        {
            Fail("priority", $"'priority' must be between 0 and {MaxPriority}; got {priority}.");
        }

        if (request.Args is { } args)
        {
            if (args.Count > MaxArgs)
            {
                Fail("args", $"At most {MaxArgs} arguments are allowed; got {args.Count}.");
            }
            for (var i = 0; i < args.Count && i < MaxArgs; i++)
            {
                if (args[i] is not { } arg)
                {
                    Fail($"args[{i}]", "Arguments must be strings, not null.");
                }
                else if (arg.Length > MaxArgLength)
                {
                    Fail($"args[{i}]", $"An argument may be at most {MaxArgLength} characters.");
                }
                else if (arg.Contains('\0', StringComparison.Ordinal))
                {
                    Fail($"args[{i}]", "Arguments may not contain NUL characters.");
                }
            }
        }

        if (request.Env is { } env)
        {
            if (env.Count > MaxEnvVars)
            {
                Fail("env", $"At most {MaxEnvVars} environment variables are allowed; got {env.Count}.");
            }
            foreach (var (name, value) in env.Take(MaxEnvVars))
            {
                if (!IsEnvName(name))
                {
                    Fail($"env.{name}", EnvNameRule);
                }
                else if (value is null)
                {
                    Fail($"env.{name}", "Environment variable values must be strings, not null.");
                }
                else if (value.Length > MaxEnvValueLength || value.Contains('\0', StringComparison.Ordinal))
                {
                    Fail($"env.{name}", $"Environment variable values must be at most {MaxEnvValueLength} characters without NUL.");
                }
            }
        }

        if (request.Stdin is { Length: > MaxStdinLength })
        {
            Fail("stdin", $"'stdin' may be at most {MaxStdinLength} characters.");
        }

        if (request.Input is { Length: > MaxInputLength })
        {
            Fail("input", $"'input' may be at most {MaxInputLength} characters.");
        }

        if (request.Inputs is { } inputs)
        {
            if (inputs.Count > MaxFiles)
            {
                Fail("inputs", $"At most {MaxFiles} inputs are allowed; got {inputs.Count}.");
            }
            var paths = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < inputs.Count && i < MaxFiles; i++)
            {
                if (inputs[i] is not { } input)
                {
                    Fail($"inputs[{i}]", "Each input must be an object like {\"path\": \"data.txt\", \"blob\": \"sha256:...\"}.");
                }
                else if (input.Path is not { } path || !JobPaths.IsValidRelative(path))
                {
                    Fail($"inputs[{i}].path", $"'path' must be a relative path under /inputs ('/'-separated names, no '..', at most {JobPaths.MaxLength} characters); got '{input.Path}'.");
                }
                else if (!paths.Add(path))
                {
                    Fail($"inputs[{i}].path", $"'{path}' is named by more than one input.");
                }
                else if (input.Blob is not { } blob || !ModuleReference.IsDigest(blob))
                {
                    Fail($"inputs[{i}].blob", $"'blob' must be the digest (sha256:<64 lowercase hex>) of a blob uploaded with POST /api/blobs; got '{input.Blob}'.");
                }
            }
        }

        if (request.Outputs is { } outputs)
        {
            if (outputs.Count > MaxFiles)
            {
                Fail("outputs", $"At most {MaxFiles} outputs are allowed; got {outputs.Count}.");
            }
            for (var i = 0; i < outputs.Count && i < MaxFiles; i++)
            {
                if (outputs[i] is not { } output || !JobPaths.IsValidRelative(output.TrimEnd('/')))
                {
                    Fail($"outputs[{i}]", $"Each output must be a relative path under /work (a file, or a directory to collect whole); got '{outputs[i]}'.");
                }
            }
        }

        if (request.HttpAllowedHosts is { } hosts)
        {
            if (hosts.Count > MaxAllowedHosts)
            {
                Fail("httpAllowedHosts", $"At most {MaxAllowedHosts} hosts are allowed; got {hosts.Count}.");
            }
            for (var i = 0; i < hosts.Count && i < MaxAllowedHosts; i++)
            {
                if (hosts[i] is not { } host || !HostPattern().IsMatch(host))
                {
                    Fail($"httpAllowedHosts[{i}]", $"Each entry must be a host name or address, optionally with ':port' (no '*', no scheme, no path); got '{hosts[i]}'.");
                }
            }
        }

        if (request.Secrets is { } secrets)
        {
            if (secrets.Count > MaxSecrets)
            {
                Fail("secrets", $"At most {MaxSecrets} secrets are allowed; got {secrets.Count}.");
            }
            foreach (var (name, secret) in secrets.Take(MaxSecrets))
            {
                if (!IsEnvName(name))
                {
                    Fail($"secrets.{name}", EnvNameRule);
                }
                else if (request.Env?.ContainsKey(name) == true)
                {
                    Fail($"secrets.{name}", $"'{name}' is set by both 'env' and 'secrets'; name it in one of them.");
                }
                else if (!SecretNames.IsValid(secret))
                {
                    Fail($"secrets.{name}", $"Each value must be the name of a stored secret (letters, digits, '.', '_', '-'; at most 64); got '{secret}'.");
                }
            }
        }

        if (request.TimeoutSeconds is { } timeout && (timeout < 1 || timeout > options.MaxTimeoutSeconds))
        {
            Fail("timeoutSeconds", $"'timeoutSeconds' must be between 1 and {options.MaxTimeoutSeconds}; got {timeout}.");
        }

        foreach (var (field, value) in new[] { ("queueTimeoutSeconds", request.QueueTimeoutSeconds), ("totalTimeoutSeconds", request.TotalTimeoutSeconds) })
        {
            if (value is { } seconds && (seconds < 1 || seconds > MaxJobLifetimeSeconds))
            {
                Fail(field, $"'{field}' must be between 1 and {MaxJobLifetimeSeconds}; got {seconds}.");
            }
        }

        if (request.Retry is { } retry)
        {
            if (retry.MaxAttempts is { } attempts && (attempts < 1 || attempts > MaxAttempts))
            {
                Fail("retry.maxAttempts", $"'retry.maxAttempts' must be between 1 and {MaxAttempts}; got {attempts}.");
            }
            if (retry.InitialIntervalSeconds is { } initial && (initial < 0 || initial > MaxIntervalSeconds))
            {
                Fail("retry.initialIntervalSeconds", $"'retry.initialIntervalSeconds' must be between 0 and {MaxIntervalSeconds}.");
            }
            if (retry.BackoffCoefficient is { } coefficient && (coefficient < 1 || coefficient > 100))
            {
                Fail("retry.backoffCoefficient", "'retry.backoffCoefficient' must be between 1 and 100.");
            }
            if (retry.MaxIntervalSeconds is { } max && (max < 0 || max > MaxIntervalSeconds))
            {
                Fail("retry.maxIntervalSeconds", $"'retry.maxIntervalSeconds' must be between 0 and {MaxIntervalSeconds}.");
            }
        }

        return errors;
    }
}
