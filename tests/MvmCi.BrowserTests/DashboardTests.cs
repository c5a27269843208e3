using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MvmCi.Testing;
using static Microsoft.Playwright.Assertions;

namespace MvmCi.BrowserTests;

/// <summary>
/// The dashboard in a real browser: upload a module on the modules page, submit a job on the submit page, watch it
/// complete with its output in the live logs, cancel a long one; saves screenshots of those pages to docs/screenshots.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class DashboardTests(DashboardAppFixture app) : DashboardPageTest(app)
{
    private static readonly LocatorAssertionsToHaveTextOptions JobTimeout = new() { Timeout = 60_000 };

    [Fact]
    public async Task UploadSubmitWatchCompleteAndCancel()
    {
        var echo = await UploadThroughPageAsync("echo");
        await ScreenshotAsync("modules");

        // A job with arguments through the submit form; the browser lands on its detail page.
        await Page.GotoAsync("/#/submit");
        await Page.GetByTestId("submit-module").FillAsync(echo);
        await Page.GetByTestId("submit-args").FillAsync("hello\nfrom the browser");
        await Page.GetByTestId("submit-env").FillAsync("CI=true");
        await Page.GetByTestId("submit-timeout").FillAsync("30");
        await ScreenshotAsync("submit");
        await Page.GetByTestId("submit").ClickAsync();
        await Expect(Page).ToHaveURLAsync(JobUrl());
        var jobId = Page.Url.Split("#/jobs/")[1];

        await Expect(Page.Locator("h1[data-job-status]")).ToHaveAttributeAsync("data-job-status", "completed", new() { Timeout = 60_000 });
        await Expect(Page.GetByTestId("logs")).ToContainTextAsync("hello from the browser", new() { Timeout = 30_000 });
        await Expect(Page.GetByTestId("log-state")).ToHaveTextAsync("ended", JobTimeout);
        await Expect(Page.GetByTestId("exit-code")).ToHaveTextAsync("0");
        await Expect(Page.GetByTestId("timeline").Locator("[data-event-status=completed]")).ToHaveCountAsync(1);
        await Expect(Page.GetByTestId("cancel")).ToBeDisabledAsync();
        await ScreenshotAsync("job-detail");

        // A guest that spins until its 60 s timeout: cancel it with the button while it runs.
        var loop = await UploadThroughPageAsync("loop");
        await Page.GotoAsync("/#/submit");
        await Page.GetByTestId("submit-module").FillAsync(loop);
        await Page.GetByTestId("submit-timeout").FillAsync("60");
        await Page.GetByTestId("submit").ClickAsync();
        await Expect(Page).ToHaveURLAsync(JobUrl());
        var loopId = Page.Url.Split("#/jobs/")[1];
        Assert.NotEqual(jobId, loopId);
        await Expect(Page.Locator("h1[data-job-status]")).ToHaveAttributeAsync("data-job-status", "running", new() { Timeout = 30_000 });
        await Page.GetByTestId("cancel").ClickAsync();
        await Expect(Page.Locator("h1[data-job-status]")).ToHaveAttributeAsync("data-job-status", "cancelled", new() { Timeout = 30_000 });
        await Expect(Page.GetByTestId("failure")).ToContainTextAsync("cancelled");
        await Expect(Page.GetByTestId("retry")).ToBeEnabledAsync();
        await Expect(Page.GetByTestId("timeline").Locator("[data-event-status=cancelled]")).ToHaveCountAsync(1);
        await Expect(Page.GetByTestId("log-state")).ToHaveTextAsync("ended");
        await ScreenshotAsync("job-cancelled");

        // Retry runs it again as a new attempt, which the button cancels too.
        await Page.GetByTestId("retry").ClickAsync();
        await Expect(Page.GetByTestId("timeline").Locator("[data-event-status=running][data-attempt='2']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(Page.Locator("h1[data-job-status]")).ToHaveAttributeAsync("data-job-status", "running");
        await Page.GetByTestId("cancel").ClickAsync();
        await Expect(Page.Locator("h1[data-job-status]")).ToHaveAttributeAsync("data-job-status", "cancelled", new() { Timeout = 30_000 });
        await Expect(Page.GetByTestId("timeline").Locator("[data-event-status=cancelled]")).ToHaveCountAsync(2);
        await Expect(Page.Locator("#error")).ToBeHiddenAsync();

        // The jobs list shows both; the status filter keeps only the cancelled one.
        await Page.GotoAsync("/#/jobs");
        await Expect(Page.Locator($"tr[data-job='{jobId}']")).ToContainTextAsync("completed");
        await Expect(Page.Locator($"tr[data-job='{loopId}']")).ToContainTextAsync("cancelled");
        await ScreenshotAsync("jobs");
        await Page.GetByTestId("status-filter").SelectOptionAsync("cancelled");
        await Expect(Page.Locator($"tr[data-job='{jobId}']")).ToHaveCountAsync(0);
        await Expect(Page.Locator($"tr[data-job='{loopId}']")).ToHaveCountAsync(1);

        Assert.Empty(PageErrors);
    }

    [Fact]
    public async Task ApiProblemsAreShownToTheUser()
    {
        await Page.GotoAsync("/#/submit");
        await Page.GetByTestId("submit-module").FillAsync("no-such-module@" + Suffix);
        await Page.GetByTestId("submit").ClickAsync();
        // 422 from POST /api/jobs: its problem details are shown, the page stays.
        await Expect(Page.Locator("#error")).ToBeVisibleAsync();
        await Expect(Page.Locator("#error")).ToContainTextAsync("no-such-module@" + Suffix);
        Assert.EndsWith("#/submit", Page.Url, StringComparison.Ordinal);

        // Server text is inserted as text, never as markup.
        await Page.GotoAsync("/#/jobs/" + Uri.EscapeDataString("<b id=injected>x</b>"));
        await Expect(Page.Locator("#error")).ToBeVisibleAsync();
        await Expect(Page.Locator("#injected")).ToHaveCountAsync(0);
        Assert.Empty(PageErrors);
    }

    /// <summary>Uploads a test guest on the modules page as <c>name-suffix@1</c>; returns that reference.</summary>
    private async Task<string> UploadThroughPageAsync(string guest)
    {
        var file = Path.Combine(Path.GetTempPath(), $"{guest}-{Suffix}.wasm");
        await File.WriteAllBytesAsync(file, Guests.Wasm(guest));
        try
        {
            var name = $"{guest}-{Suffix}";
            await Page.GotoAsync("/#/modules");
            await Page.GetByTestId("module-file").SetInputFilesAsync(file);
            await Page.GetByTestId("module-name").FillAsync(name);
            await Page.GetByTestId("module-version").FillAsync("1");
            await Page.GetByTestId("upload").ClickAsync();
            await Expect(Page.GetByTestId("upload-result")).ToContainTextAsync($"{name}@1");
            await Expect(Page.GetByTestId("modules")).ToContainTextAsync($"{name}@1");
            return $"{name}@1";
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex("#/jobs/[0-9a-f-]{36}$")]
    private static partial Regex JobUrl();
}
