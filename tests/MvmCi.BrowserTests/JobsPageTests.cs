using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace MvmCi.BrowserTests;

/// <summary>The jobs page: the queue and status filters, time order (server side), status sort (in the page), paging.</summary>
[Collection(DashboardCollection.Name)]
public sealed class JobsPageTests(DashboardAppFixture app) : DashboardPageTest(app)
{
    [Fact]
    public async Task JobsPageFiltersByQueueAndStatusSortsAndPages()
    {
        // Three jobs in a queue no worker serves, so they stay where the test puts them: pending, cancelled, pending.
        var queue = $"side-{Suffix}";
        var echo = await App.Api.UploadAsync("echo", $"jobs-{Suffix}");
        // Job ids order by time to the millisecond: keep the three submits in distinct milliseconds.
        var first = await App.Api.SubmitAsync(new { module = echo, queue });
        await Task.Delay(2);
        var second = await App.Api.SubmitAsync(new { module = echo, queue });
        await Task.Delay(2);
        var third = await App.Api.SubmitAsync(new { module = echo, queue });
        await App.Api.CancelAsync(second);

        await Page.GotoAsync("/#/jobs");
        await Page.GetByTestId("queue-filter").SelectOptionAsync(queue);
        await Expect(Page).ToHaveURLAsync(new Regex($"#/jobs\\?queue={queue}$"));
        var rows = Page.Locator("[data-testid=jobs] tbody tr[data-job]");
        var statuses = rows.Locator("[data-status]");
        await Expect(rows).ToHaveCountAsync(3);
        await ExpectOrderAsync(third, second, first);
        await Expect(statuses).ToHaveTextAsync(["pending", "cancelled", "pending"]);

        // By status within the page: lifecycle order, then reversed; jobs of one status keep their time order.
        await Page.GetByTestId("sort-status").ClickAsync();
        await Expect(statuses).ToHaveTextAsync(["pending", "pending", "cancelled"]);
        await ExpectOrderAsync(third, first, second);
        await Page.GetByTestId("sort-status").ClickAsync();
        await Expect(statuses).ToHaveTextAsync(["cancelled", "pending", "pending"]);
        await ExpectOrderAsync(second, third, first);

        // Queue and status together.
        await Page.GetByTestId("status-filter").SelectOptionAsync("cancelled");
        await Expect(Page).ToHaveURLAsync(new Regex($"#/jobs\\?status=cancelled&queue={queue}$"));
        await Expect(Page.GetByTestId("queue-filter")).ToHaveValueAsync(queue);
        await ExpectOrderAsync(second);
        await Page.GetByTestId("status-filter").SelectOptionAsync("pending");
        await ExpectOrderAsync(third, first);

        // Oldest first comes from the server, and a cursor pages through the queue two at a time.
        await Page.GotoAsync($"/#/jobs?queue={queue}&order=asc&limit=2");
        await Expect(Page.GetByTestId("order")).ToHaveValueAsync("asc");
        await ExpectOrderAsync(first, second);
        await Page.GetByTestId("next-page").ClickAsync();
        await ExpectOrderAsync(third);
        await Expect(Page.GetByTestId("first-page")).ToBeVisibleAsync();
        await Page.GetByTestId("order").SelectOptionAsync("desc");
        await ExpectOrderAsync(third, second);

        // Live: a cancel behind the page's back shows up in the list as it is.
        await App.Api.CancelAsync(third);
        await Expect(Page.Locator($"tr[data-job='{third}']")).ToHaveAttributeAsync("data-status", "cancelled");
        await Expect(Page.Locator("#error")).ToBeHiddenAsync();
        AssertFollowedLive("/api/jobs");
        Assert.Empty(PageErrors);
    }

    /// <summary>The rows of the jobs table are exactly these jobs, in this order.</summary>
    private async Task ExpectOrderAsync(params string[] ids)
    {
        var rows = Page.Locator("[data-testid=jobs] tbody tr[data-job]");
        await Expect(rows).ToHaveCountAsync(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            await Expect(rows.Nth(i)).ToHaveAttributeAsync("data-job", ids[i]);
        }
    }
}
