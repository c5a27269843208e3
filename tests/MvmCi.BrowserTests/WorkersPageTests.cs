using static Microsoft.Playwright.Assertions;

namespace MvmCi.BrowserTests;

/// <summary>The workers page: workers and executors, live, and draining a worker with its button.</summary>
[Collection(DashboardCollection.Name)]
public sealed class WorkersPageTests(DashboardAppFixture app) : DashboardPageTest(app)
{
    /// <summary>The worker this test drains; the other one goes on serving the rest of the run.</summary>
    private const string Drained = "worker-2";

    [Fact]
    public async Task WorkersPageListsWorkersAndExecutorsAndDrainsAWorker()
    {
        await Page.GotoAsync("/#/workers");
        await Expect(Page.Locator("header [data-nav=workers]")).ToHaveClassAsync("active");
        foreach (var worker in DashboardAppFixture.Workers)
        {
            var row = Page.Locator($"[data-testid=workers] tr[data-worker='{worker}']");
            await Expect(row).ToHaveAttributeAsync("data-state", App.ExpectedState(worker));
            await Expect(row).ToContainTextAsync("default");
        }
        var executor = Page.Locator("[data-testid=executors] tr[data-executor=flawless]");
        await Expect(executor).ToHaveAttributeAsync("data-state", "online");
        await Expect(executor).ToContainTextAsync("service");

        // Only this test drains, and only worker-2: worker-1 always stays to run the other tests' jobs.
        Assert.Null(App.DrainedWorker);
        string? asked = null;
        Page.Dialog += async (_, dialog) =>
        {
            asked = dialog.Message;
            await dialog.AcceptAsync();
        };
        var drained = Page.Locator($"[data-testid=workers] tr[data-worker='{Drained}']");
        await drained.GetByTestId("drain").ClickAsync();
        App.DrainedWorker = Drained;
        await Expect(Page.GetByTestId("drain-notice")).ToContainTextAsync($"Drain requested for {Drained}");
        Assert.Contains(Drained, asked, StringComparison.Ordinal);
        await Expect(drained).ToHaveAttributeAsync("data-state", "draining");
        await Expect(drained.Locator("[data-status]")).ToHaveTextAsync("draining");
        await Expect(drained.GetByTestId("drain")).ToHaveCountAsync(0);
        var serving = Page.Locator("[data-testid=workers] tr[data-worker='worker-1']");
        await Expect(serving).ToHaveAttributeAsync("data-state", "online");
        await Expect(serving.GetByTestId("drain")).ToBeEnabledAsync();
        await Expect(Page.Locator("#error")).ToBeHiddenAsync();
        await ScreenshotAsync("workers");

        // The drained worker claims nothing: a new job runs on the other one.
        var echo = await App.Api.UploadAsync("echo", $"workers-{Suffix}");
        var id = await App.Api.SubmitAsync(new { module = echo, args = new[] { "after", "drain" } });
        await Page.GotoAsync($"/#/jobs/{id}");
        await Expect(Page.Locator("h1[data-job-status]")).ToHaveAttributeAsync("data-job-status", "completed", new() { Timeout = 60_000 });
        await Expect(Page.GetByTestId("job-fields")).ToContainTextAsync("worker-1");

        AssertFollowedLive("/api/workers");
        AssertFollowedLive("/api/executors");
        Assert.Empty(PageErrors);
    }
}
