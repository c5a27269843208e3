using Microsoft.Playwright;

namespace MvmCi.BrowserTests;

/// <summary>
/// A test with its own browser page on the shared application: records the page's uncaught errors and its requests
/// (to tell a live stream from polling), and saves screenshots to docs/screenshots.
/// </summary>
public abstract class DashboardPageTest(DashboardAppFixture app) : IAsyncLifetime
{
    private readonly List<string> _pageErrors = [];
    private readonly List<(string Path, string ResourceType)> _requests = [];
    private IPage? _page;

    protected DashboardAppFixture App { get; } = app;

    /// <summary>Distinguishes this test's modules and queues from those of the other tests on the same application.</summary>
    protected string Suffix { get; } = Guid.NewGuid().ToString("N")[..6];

    protected IPage Page => _page ?? throw new InvalidOperationException("Not started.");

    protected IReadOnlyList<string> PageErrors => _pageErrors;

    public async Task InitializeAsync()
    {
        _page = await App.NewPageAsync();
        _page.PageError += (_, error) => _pageErrors.Add(error);
        _page.Request += (_, request) =>
        {
            lock (_requests)
            {
                _requests.Add((new Uri(request.Url).AbsolutePath, request.ResourceType));
            }
        };
        Directory.CreateDirectory(DashboardAppFixture.ScreenshotDirectory);
    }

    public async Task DisposeAsync()
    {
        if (_page is not null)
        {
            await _page.Context.CloseAsync();
        }
    }

    /// <summary>The resource types (<c>eventsource</c>, <c>fetch</c>, …) of the page's requests to exactly this path.</summary>
    protected IReadOnlyList<string> RequestsTo(string path)
    {
        lock (_requests)
        {
            return [.. _requests.Where(r => r.Path == path).Select(r => r.ResourceType)];
        }
    }

    /// <summary>Asserts the page read path only as a server-sent event stream: at least once, and never by fetch (polling).</summary>
    protected void AssertFollowedLive(string path)
    {
        var types = RequestsTo(path);
        Assert.NotEmpty(types);
        Assert.All(types, type => Assert.Equal("eventsource", type));
    }

    protected async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
}
