using System.CommandLine;
using MvmCi.Cli.Output;
using MvmCi.Jobs.Contracts;

namespace MvmCi.Cli.Commands;

/// <summary><c>mvmci jobs show ID</c>: a job's status, outcome and captured output.</summary>
public static class JobsShowCommand
{
    public static Command Create()
    {
        var id = JobsCommand.IdArgument();
        var output = CommonOptions.Output();
        var command = new Command("show", "Show a job: status, outcome and output.") { id, output };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = CommonOptions.ClientFor(parsed);
            var job = await client.GetJobAsync(parsed.GetRequiredValue(id), cancellationToken);
            var writer = parsed.InvocationConfiguration.Output;
            if (parsed.GetValue(output) == CommonOptions.Json)
            {
                await JsonOutput.WriteAsync(writer, job);
            }
            else
            {
                await WriteAsync(writer, job);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    public static async Task WriteAsync(TextWriter writer, JobRecord job)
    {
        var fields = new List<(string, string)>
        {
            ("id", job.Id),
            ("module", $"{job.Module} ({job.ModuleDigest})"),
            ("status", job.Status),
            ("attempt", $"{job.Attempt} of {job.Retry.MaxAttempts}"),
            ("queue", $"{job.Queue} (priority {job.Priority})"),
            ("created", Formats.Time(job.CreatedAt)),
            ("started", Formats.Time(job.StartedAt)),
            ("finished", Formats.Time(job.FinishedAt)),
            ("duration", Formats.Duration(job.DurationMs)),
            ("worker", job.WorkerId ?? Formats.None),
            ("exit code", Formats.Number(job.ExitCode)),
        };
        if (job.FailureReason is not null)
        {
            fields.Add(("failure", job.FailureMessage is null ? job.FailureReason : $"{job.FailureReason}: {job.FailureMessage}"));
        }
        if (job.NextAttemptAt is not null)
        {
            fields.Add(("next attempt", Formats.Time(job.NextAttemptAt)));
        }
        if (job.Progress is { } progress)
        {
            fields.Add(("progress", $"{progress.Percent}% {progress.Message}"));
        }
        if (job.Args.Count > 0)
        {
            fields.Add(("args", string.Join(' ', job.Args)));
        }
        if (job.Env.Count > 0)
        {
            fields.Add(("env", string.Join(' ', job.Env.Select(e => $"{e.Key}={e.Value}"))));
        }
        if (job.Output is not null)
        {
            fields.Add(("output", job.Output));
        }
        foreach (var artifact in job.Artifacts)
        {
            fields.Add(("artifact", $"{artifact.Path} ({artifact.Skipped ?? $"{artifact.Size} bytes"})"));
        }
        var width = fields.Max(f => f.Item1.Length) + 2;
        foreach (var (name, value) in fields)
        {
            await writer.WriteLineAsync($"{(name + ":").PadRight(width)}{value}");
        }
        await WriteStreamAsync(writer, "stdout", job.Stdout, job.StdoutTruncated);
        await WriteStreamAsync(writer, "stderr", job.Stderr, job.StderrTruncated);
    }

    private static async Task WriteStreamAsync(TextWriter writer, string name, string? text, bool truncated)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }
        await writer.WriteLineAsync($"--- {name}{(truncated ? " (truncated)" : "")} ---");
        await writer.WriteAsync(text);
        if (!text.EndsWith('\n'))
        {
            await writer.WriteLineAsync();
        }
    }
}
