using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace MvmCi.BrowserTests;

/// <summary>A job's page follows the job as it runs: fields, timeline and logs change in place, without a reload.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class JobDetailLiveTests(DashboardAppFixture app) : DashboardPageTest(app)
{
    [Fact]
    public async Task JobPageFollowsARunningJobUntilItCompletes()
    {
        // nap runs for five seconds (a durable sleep) and then completes by itself.
        var nap = await App.Api.UploadAsync("nap", $"nap-{Suffix}");
        var id = await App.Api.SubmitAsync(new { module = nap, timeoutSeconds = 120 });
        await Page.GotoAsync($"/#/jobs/{id}");
        await Page.EvaluateAsync("() => { window.sameDocument = true; }");
        var title = Page.Locator("h1[data-job-status]");

        await Expect(title).ToHaveAttributeAsync("data-job-status", "running", new() { Timeout = 60_000 });
        await Expect(Page.GetByTestId("logs")).ToContainTextAsync("napping");
        await Expect(Page.GetByTestId("job-fields")).ToContainTextAsync("50 % napping");
        await Expect(Page.GetByTestId("exit-code")).ToHaveTextAsync("—");
        await Expect(Page.GetByTestId("cancel")).ToBeEnabledAsync();
        await Expect(Page.GetByTestId("timeline").Locator("[data-event-status=running]")).ToHaveCountAsync(1);
        await Expect(Page.GetByTestId("timeline").Locator("[data-event-status=completed]")).ToHaveCountAsync(0);

        await Expect(title).ToHaveAttributeAsync("data-job-status", "completed", new() { Timeout = 60_000 });
        await Expect(Page.GetByTestId("exit-code")).ToHaveTextAsync("0");
        await Expect(Page.GetByTestId("timeline").Locator("[data-event-status=completed]")).ToHaveCountAsync(1);
        await Expect(Page.GetByTestId("logs")).ToContainTextAsync("awake");
        await Expect(Page.GetByTestId("log-state")).ToHaveTextAsync("ended");
        await Expect(Page.GetByTestId("cancel")).ToBeDisabledAsync();
        await Expect(Page.GetByTestId("retry")).ToBeDisabledAsync();
        await Expect(Page.GetByTestId("artifacts")).ToContainTextAsync("No artifacts.");
        // Every stream of the page has ended with the job: the indicator has nothing left to show.
        await Expect(Page.GetByTestId("live")).ToBeHiddenAsync();

        // The same document all along, and the job and its timeline were streamed, never polled.
        Assert.True(await Page.EvaluateAsync<bool>("() => window.sameDocument === true"));
        Assert.Matches(JobUrl(), Page.Url);
        AssertFollowedLive($"/api/jobs/{id}");
        AssertFollowedLive($"/api/jobs/{id}/events");
        AssertFollowedLive($"/api/jobs/{id}/logs");
        Assert.Empty(PageErrors);
    }

    [GeneratedRegex("#/jobs/[0-9a-f-]{36}$")]
    private static partial Regex JobUrl();
}
