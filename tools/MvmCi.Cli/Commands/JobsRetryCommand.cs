using System.CommandLine;

namespace MvmCi.Cli.Commands;

/// <summary><c>mvmci jobs retry ID</c>.</summary>
public static class JobsRetryCommand
{
    public static Command Create()
    {
        var id = JobsCommand.IdArgument();
        var command = new Command("retry", "Queue a failed or cancelled job again as a new attempt.") { id };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = CommonOptions.ClientFor(parsed);
            var job = await client.RetryJobAsync(parsed.GetRequiredValue(id), cancellationToken);
            await parsed.InvocationConfiguration.Output.WriteLineAsync($"retrying {job.Id} ({job.Status})");
            return ExitCodes.Success;
        });
        return command;
    }
}
