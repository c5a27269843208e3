using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace MvmCi.BrowserTests;

/// <summary>The overview: cluster health, the queues, jobs per status, throughput and recent jobs, live.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class OverviewPageTests(DashboardAppFixture app) : DashboardPageTest(app)
{
    [Fact]
    public async Task OverviewShowsHealthQueuesAndThroughputOfACompletedJob()
    {
        var echo = await App.Api.UploadAsync("echo", $"overview-{Suffix}");
        await Page.GotoAsync("/");
        await Expect(Page.GetByTestId("live")).ToHaveAttributeAsync("data-state", "live");

        // Submitted while the page is open: it shows up in the recent jobs and completes there, without a reload.
        var id = await App.Api.SubmitAsync(new { module = echo, args = new[] { "overview" } });
        await Expect(Page.Locator($"[data-testid=jobs] tr[data-job='{id}']")).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 60_000 });

        var redis = Page.GetByTestId("health-redis");
        await Expect(redis).ToHaveAttributeAsync("data-health", "up");
        await Expect(redis.Locator(".value")).ToHaveTextAsync("up");
        await Expect(Page.GetByTestId("health-executors")).ToHaveAttributeAsync("data-health", "up");
        await Expect(Page.GetByTestId("health-executors").Locator(".value")).ToHaveTextAsync(AtLeastOneOnline());
        var online = DashboardAppFixture.Workers.Count(w => App.ExpectedState(w) == "online");
        await Expect(Page.GetByTestId("health-workers")).ToHaveAttributeAsync("data-health", "up");
        await Expect(Page.GetByTestId("health-workers").Locator(".value")).ToHaveTextAsync($"{online}/{DashboardAppFixture.Workers.Length}");

        var queue = Page.Locator("[data-testid=queues] tr[data-queue=default][data-priority='0']");
        await Expect(queue).ToHaveCountAsync(1);
        await Expect(queue.Locator("td").First).ToHaveTextAsync("default");
        await Expect(Page.Locator("[data-stat=completed] .value")).Not.ToHaveTextAsync("0");

        // The job finished within the last five minutes: it is in this minute's bar and in both rates.
        var chart = Page.GetByTestId("throughput-chart");
        await Expect(chart.Locator("rect[data-series=completed]:not([data-value='0'])").Last).ToBeAttachedAsync();
        await Expect(chart.Locator("rect[data-series=submitted]:not([data-value='0'])").Last).ToBeAttachedAsync();
        await Expect(Page.GetByTestId("jobs-per-second").Locator(".value")).Not.ToHaveTextAsync(NoRate());
        await Expect(Page.GetByTestId("jobs-per-second")).ToContainTextAsync("jobs/s (last 5 min)");
        await Expect(Page.GetByTestId("failure-rate").Locator(".value")).ToHaveTextAsync(new Regex(@"^\d+\.\d %$"));
        await Expect(Page.GetByTestId("failure-rate")).ToContainTextAsync("failure rate (last 5 min)");
        await Expect(Page.Locator("#error")).ToBeHiddenAsync();
        await ScreenshotAsync("overview");

        AssertFollowedLive("/api/overview");
        AssertFollowedLive("/api/jobs");
        Assert.Empty(PageErrors);
    }

    [GeneratedRegex(@"^[1-9]\d*/\d+$")]
    private static partial Regex AtLeastOneOnline();

    [GeneratedRegex(@"^(—|0(\.0+)?)$")]
    private static partial Regex NoRate();
}
