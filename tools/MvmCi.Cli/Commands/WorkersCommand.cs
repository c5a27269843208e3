using System.CommandLine;
using MvmCi.Cli.Client;
using MvmCi.Cli.Output;

namespace MvmCi.Cli.Commands;

/// <summary><c>mvmci workers</c>: the worker registry as a table.</summary>
public static class WorkersCommand
{
    public static Command Create()
    {
        var output = CommonOptions.Output();
        var command = new Command("workers", "List the workers: state, slots, running and finished jobs, last heartbeat.") { output };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = CommonOptions.ClientFor(parsed);
            var workers = await client.ListWorkersAsync(cancellationToken);
            var writer = parsed.InvocationConfiguration.Output;
            if (parsed.GetValue(output) == CommonOptions.Json)
            {
                await JsonOutput.WriteAsync(writer, new WorkerPage(workers));
                return ExitCodes.Success;
            }
            var table = new TextTable("ID", "STATE", "QUEUES", "SLOTS", "RUNNING", "COMPLETED", "FAILED", "LAST SEEN", "HOST");
            foreach (var worker in workers)
            {
                table.Add(worker.Id, worker.State, string.Join(',', worker.Queues), Formats.Number(worker.Slots), Formats.Number(worker.Running),
                    Formats.Number(worker.Completed), Formats.Number(worker.Failed), Formats.Time(worker.LastSeen),
                    worker.Host is null ? Formats.None : $"{worker.Host}:{worker.ProcessId}");
            }
            await table.WriteAsync(writer);
            return ExitCodes.Success;
        });
        return command;
    }
}
