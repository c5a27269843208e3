using System.Net.Http.Json;
using System.Text.Json;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.State;

namespace MvmCi.IntegrationTests;

/// <remarks>Run under every topology: see the classes in Topologies/.</remarks>
public abstract class LiveLogTests(MvmCiAppFixture app)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task FollowedLogsArriveWhileTheJobRunsAndEndWithIt()
    {
        var ticker = await app.UploadAsync("ticker");
        var job = await app.SubmitAsync(new { module = ticker.Digest });

        using var response = await app.Api.GetAsync(new Uri($"/api/jobs/{job.Id}/logs?follow=true", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var ticks = 0;
        string? statusAtFirstTick = null;
        var sawEnd = false;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line == "event: end")
            {
                sawEnd = true;
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && !sawEnd)
            {
                var entry = JsonSerializer.Deserialize<LogEntry>(line[6..], Json)!;
                ticks += entry.Text.Split("tick", StringSplitOptions.None).Length - 1;
                statusAtFirstTick ??= (await app.Api.GetFromJsonAsync<JobRecord>(new Uri($"/api/jobs/{job.Id}", UriKind.Relative)))!.Status;
            }
        }

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(JobStatus.Running, statusAtFirstTick);
        Assert.Equal(5, ticks);
        Assert.True(sawEnd);
        var logs = await app.Api.GetFromJsonAsync<JsonElement>(new Uri($"/api/jobs/{job.Id}/logs", UriKind.Relative));
        Assert.Equal("tick\ntick\ntick\ntick\ntick\n", string.Concat(logs.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("text").GetString())));
        Assert.Equal(JobStatus.Completed, (await app.WaitForTerminalAsync(job.Id)).Status);
    }
}
