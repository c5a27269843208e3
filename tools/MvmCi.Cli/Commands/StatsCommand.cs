using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MvmCi.Cli.Client;
using MvmCi.Cli.Output;
using MvmCi.Jobs.Redis;

namespace MvmCi.Cli.Commands;

/// <summary><c>mvmci stats [--watch]</c>: jobs per status; with <c>--watch</c> one line a second until Ctrl-C.</summary>
public static class StatsCommand
{
    private static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(1);

    public static Command Create()
    {
        var watch = new Option<bool>("--watch", "-w") { Description = "Print the counts again every second until Ctrl-C." };
        var output = CommonOptions.Output();
        var command = new Command("stats", "Count of jobs per status.") { watch, output };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = CommonOptions.ClientFor(parsed);
            var writer = parsed.InvocationConfiguration.Output;
            var json = parsed.GetValue(output) == CommonOptions.Json;
            if (!parsed.GetValue(watch))
            {
                var stats = await client.GetStatsAsync(cancellationToken);
                await (json ? JsonOutput.WriteAsync(writer, stats) : Table(stats).WriteAsync(writer));
                return ExitCodes.Success;
            }
            try
            {
                while (true)
                {
                    var stats = await client.GetStatsAsync(cancellationToken);
                    await writer.WriteLineAsync(json ? JsonSerializer.Serialize(stats, MvmCiClient.Json) : Line(stats));
                    await writer.FlushAsync(cancellationToken);
                    await Task.Delay(WatchInterval, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static TextTable Table(QueueStats stats)
    {
        var table = new TextTable("PENDING", "CLAIMED", "RUNNING", "COMPLETED", "FAILED", "CANCELLED", "TOTAL");
        table.Add(Formats.Number(stats.Pending), Formats.Number(stats.Claimed), Formats.Number(stats.Running), Formats.Number(stats.Completed),
            Formats.Number(stats.Failed), Formats.Number(stats.Cancelled), Formats.Number(stats.Total));
        return table;
    }

    private static string Line(QueueStats stats) => string.Create(CultureInfo.InvariantCulture,
        $"{DateTimeOffset.Now:HH:mm:ss}  pending {stats.Pending}  claimed {stats.Claimed}  running {stats.Running}  completed {stats.Completed}  failed {stats.Failed}  cancelled {stats.Cancelled}  total {stats.Total}");
}
