using System.CommandLine;
using MvmCi.Cli.Client;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.State;

namespace MvmCi.Cli.Commands;

/// <summary>
/// <c>mvmci run app@1 [--timeout N] [--env K=V]... [--secret ENV=NAME]... [--allow-host HOST[:PORT]]... [--input TEXT] [--follow] -- args...</c>:
/// submit a job. Without
/// <c>--follow</c> prints its id; with it, shows the status while queued, streams the output while it runs and
/// exits with the job's exit code (1 for a failure without one, 130 when cancelled).
/// </summary>
public static class RunCommand
{
    private static readonly TimeSpan QueuedPollInterval = TimeSpan.FromMilliseconds(250);

    public static Command Create()
    {
        var module = new Argument<string>("module") { Description = "The module: name@version or sha256:<hex>." };
        var args = new Argument<string[]>("args") { Description = "Arguments for the guest (after --).", Arity = ArgumentArity.ZeroOrMore };
        var timeout = new Option<int?>("--timeout", "-t") { Description = "Seconds each attempt may run (server default otherwise)." };
        var env = new Option<string[]>("--env", "-e") { Description = "An environment variable for the guest, K=V; repeat for more." };
        var secrets = new Option<string[]>("--secret")
        {
            Description = "Set the guest's environment variable ENV from the stored secret NAME, ENV=NAME; repeat for more.",
        };
        var allowHosts = new Option<string[]>("--allow-host")
        {
            Description = "A host (or host:port) the guest may reach through the HTTP host API; repeat for more.",
        };
        var input = new Option<string?>("--input") { Description = "The text the guest reads with mvmci.get_input." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Wait for the job: stream its output and exit with its exit code." };
        var command = new Command("run", "Submit a job; with --follow, stream its output and exit with its exit code.")
        {
            module, args, timeout, env, secrets, allowHosts, input, follow,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var request = new JobRequest
            {
                Module = parsed.GetRequiredValue(module),
                Args = parsed.GetValue(args) is { Length: > 0 } values ? values : null,
                Env = ParseEnv(parsed.GetValue(env)),
                Secrets = ParseSecrets(parsed.GetValue(secrets)),
                HttpAllowedHosts = ParseHosts(parsed.GetValue(allowHosts)),
                Input = parsed.GetValue(input),
                TimeoutSeconds = parsed.GetValue(timeout),
            };
            using var client = CommonOptions.ClientFor(parsed);
            var job = await client.SubmitJobAsync(request, cancellationToken);
            var output = parsed.InvocationConfiguration.Output;
            if (!parsed.GetValue(follow))
            {
                await output.WriteLineAsync(job.Id);
                return ExitCodes.Success;
            }
            var error = parsed.InvocationConfiguration.Error;
            try
            {
                return await FollowAsync(client, job, output, error, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await error.WriteLineAsync($"mvmci: stopped following job {job.Id}; it goes on (mvmci jobs cancel {job.Id} stops it)");
                return ExitCodes.Cancelled;
            }
        });
        return command;
    }

    public static async Task<int> FollowAsync(MvmCiClient client, JobRecord job, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await error.WriteLineAsync($"mvmci: job {job.Id} submitted");
        string? shown = null;
        while (job.Status is JobStatus.Pending or JobStatus.Claimed)
        {
            var line = QueuedLine(job);
            if (line != shown)
            {
                await error.WriteLineAsync($"mvmci: {line}");
                await error.FlushAsync(cancellationToken);
                shown = line;
            }
            await Task.Delay(QueuedPollInterval, cancellationToken);
            job = await client.GetJobAsync(job.Id, cancellationToken);
        }
        if (job.Status == JobStatus.Running)
        {
            await error.WriteLineAsync($"mvmci: running on {job.WorkerId ?? "a worker"} (attempt {job.Attempt})");
        }

        var attempt = 0;
        await foreach (var piece in client.FollowLogsAsync(job.Id, cancellationToken))
        {
            if (attempt != 0 && piece.Attempt != attempt)
            {
                await error.WriteLineAsync($"mvmci: attempt {piece.Attempt}");
            }
            attempt = piece.Attempt;
            var writer = piece.Stream == OutputStreams.Stdout ? output : error;
            await writer.WriteAsync(piece.Text);
            await writer.FlushAsync(cancellationToken);
        }

        job = await client.GetJobAsync(job.Id, cancellationToken);
        return await OutcomeAsync(job, error);
    }

    private static async Task<int> OutcomeAsync(JobRecord job, TextWriter error)
    {
        switch (job.Status)
        {
            case JobStatus.Completed:
                return job.ExitCode ?? ExitCodes.Success;
            case JobStatus.Cancelled:
                await error.WriteLineAsync($"mvmci: job {job.Id} was cancelled");
                return ExitCodes.Cancelled;
            case JobStatus.Failed when job.ExitCode is { } code:
                await error.WriteLineAsync($"mvmci: job {job.Id} failed with exit code {code}");
                return code;
            default:
                var reason = job.FailureReason ?? job.Status;
                var message = job.FailureMessage is null ? reason : $"{reason}: {job.FailureMessage}";
                await error.WriteLineAsync($"mvmci: job {job.Id} failed: {message}");
                return ExitCodes.Failure;
        }
    }

    private static string QueuedLine(JobRecord job) => job switch
    {
        { Status: JobStatus.Claimed } => $"claimed by {job.WorkerId ?? "a worker"} (attempt {job.Attempt}), starting",
        { NextAttemptAt: { } at } => $"pending: attempt {job.Attempt + 1} at {Output.Formats.Time(at)}",
        { Progress: { } progress } => $"pending ({progress.Percent}% {progress.Message})",
        _ => $"pending in queue '{job.Queue}'",
    };

    private static Dictionary<string, string>? ParseEnv(string[]? pairs)
    {
        if (pairs is not { Length: > 0 })
        {
            return null;
        }
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                throw new UsageException($"--env must be KEY=VALUE (got '{pair}')");
            }
            env[pair[..equals]] = pair[(equals + 1)..];
        }
        return env;
    }

    private static Dictionary<string, string>? ParseSecrets(string[]? pairs)
    {
        if (pairs is not { Length: > 0 })
        {
            return null;
        }
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0 || equals == pair.Length - 1)
            {
                throw new UsageException($"--secret must be ENV=NAME, the variable and the stored secret's name, e.g. NPM_TOKEN=npm-token (got '{pair}')");
            }
            var variable = pair[..equals];
            if (!secrets.TryAdd(variable, pair[(equals + 1)..]))
            {
                throw new UsageException($"--secret sets {variable} twice");
            }
        }
        return secrets;
    }

    private static string[]? ParseHosts(string[]? hosts)
    {
        if (hosts is not { Length: > 0 })
        {
            return null;
        }
        foreach (var host in hosts)
        {
            if (host.Length == 0 || host.Contains('/', StringComparison.Ordinal) || host.Any(char.IsWhiteSpace))
            {
                throw new UsageException($"--allow-host must be a host or host:port, e.g. api.example.com or localhost:8080, not a URL (got '{host}')");
            }
        }
        return [.. hosts.Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
