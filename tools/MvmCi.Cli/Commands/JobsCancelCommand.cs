using System.CommandLine;

namespace MvmCi.Cli.Commands;

/// <summary><c>mvmci jobs cancel ID</c>.</summary>
public static class JobsCancelCommand
{
    public static Command Create()
    {
        var id = JobsCommand.IdArgument();
        var command = new Command("cancel", "Cancel a job: a queued one never starts, a running one is interrupted.") { id };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = CommonOptions.ClientFor(parsed);
            var result = await client.CancelJobAsync(parsed.GetRequiredValue(id), cancellationToken);
            await parsed.InvocationConfiguration.Output.WriteLineAsync(result.Immediate
                ? $"cancelled {result.Job.Id}"
                : $"cancelling {result.Job.Id} ({result.Job.Status}): its worker interrupts it");
            return ExitCodes.Success;
        });
        return command;
    }
}
