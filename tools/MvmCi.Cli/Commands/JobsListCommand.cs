using System.CommandLine;
using MvmCi.Cli.Output;
using MvmCi.Jobs.State;

namespace MvmCi.Cli.Commands;

/// <summary><c>mvmci jobs ls [--status S] [--limit N] [--cursor C]</c>: newest first.</summary>
public static class JobsListCommand
{
    public static Command Create()
    {
        var status = new Option<string?>("--status") { Description = $"Only jobs with this status: {string.Join(", ", JobStatus.All)}." };
        status.AcceptOnlyFromAmong([.. JobStatus.All]);
        var limit = new Option<int>("--limit", "-n") { Description = "How many jobs (1-500).", DefaultValueFactory = _ => 20 };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 500)
            {
                result.AddError("--limit must be between 1 and 500.");
            }
        });
        var cursor = new Option<string?>("--cursor") { Description = "Start after this page cursor (printed under a full page)." };
        var output = CommonOptions.Output();
        var command = new Command("ls", "List jobs, newest first.") { status, limit, cursor, output };
        command.Aliases.Add("list");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = CommonOptions.ClientFor(parsed);
            var page = await client.ListJobsAsync(parsed.GetValue(status), parsed.GetValue(limit), parsed.GetValue(cursor), cancellationToken);
            var writer = parsed.InvocationConfiguration.Output;
            if (parsed.GetValue(output) == CommonOptions.Json)
            {
                await JsonOutput.WriteAsync(writer, page);
                return ExitCodes.Success;
            }
            var table = new TextTable("ID", "STATUS", "MODULE", "EXIT", "ATTEMPT", "CREATED", "DURATION", "REASON");
            foreach (var job in page.Items)
            {
                table.Add(job.Id, job.Status, job.Module, Formats.Number(job.ExitCode), Formats.Number(job.Attempt),
                    Formats.Time(job.CreatedAt), Formats.Duration(job.DurationMs), job.FailureReason ?? Formats.None);
            }
            await table.WriteAsync(writer);
            if (page.Next is not null)
            {
                await parsed.InvocationConfiguration.Error.WriteLineAsync($"more: mvmci jobs ls --cursor {page.Next}");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
