using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace MvmCi.BrowserTests;

/// <summary>
/// The whole system as the AppHost composes it (as tests/MvmCi.IntegrationTests/MvmCiAppFixture.cs starts it: its own key
/// prefix and Redis data), and Debian's chromium driven by Playwright, headless.
/// </summary>
public sealed class DashboardAppFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Debian's chromium (<c>apt-get install chromium</c>); Playwright's own browser downloads do not work here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "mvmci-bt-" + Guid.NewGuid().ToString("N"));
    private DistributedApplication? _app;
    private HttpClient? _http;
    private ControlPlaneApi? _api;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string KeyspacePrefix { get; } = "bt" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>The deployment's bootstrap admin key (the AppHost's <c>api-key</c> parameter): what the pages sign in with.</summary>
    public string AdminKey { get; } = "bt-admin-" + Guid.NewGuid().ToString("N");

    /// <summary>The control plane's address, where the dashboard is served.</summary>
    public Uri BaseAddress { get; private set; } = new("http://localhost/");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not started.");

    /// <summary>The control plane's API, for what a test prepares without the page.</summary>
    public ControlPlaneApi Api => _api ?? throw new InvalidOperationException("Not started.");

    /// <summary>The workers the AppHost starts (<c>--workers 2</c>).</summary>
    public static readonly string[] Workers = ["worker-1", "worker-2"];

    /// <summary>
    /// The worker the workers page's test drained, once it has: a drained worker stays registered as draining and
    /// claims nothing, so the tests that count workers online expect one less (test order is not fixed).
    /// </summary>
    public string? DrainedWorker { get; set; }

    /// <summary>What a worker's state is now: draining if a test drained it, else online.</summary>
    public string ExpectedState(string worker) => worker == DrainedWorker ? "draining" : "online";

    /// <summary>docs/screenshots of the repository, where the test run saves the dashboard's pages.</summary>
    public static string ScreenshotDirectory => Path.Combine(MvmCi.Testing.Guests.RepositoryRoot, "docs", "screenshots");

    public async Task InitializeAsync()
    {
        // The whole suite runs on two cores: give the page's assertions room beyond Playwright's 5 s default.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(20_000);
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (apt-get install -y chromium).");
        }

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.MvmCi_AppHost>(
            ["--workers", "2", "--KeyspacePrefix", KeyspacePrefix, "--RedisDataDirectory", _dataDirectory,
                "--Parameters:api-key", AdminKey, "--Parameters:service-key", "bt-service-" + Guid.NewGuid().ToString("N")]);
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Aspire.Hosting", LogLevel.Warning)
            .AddFilter("MvmCi.AppHost.Resources", LogLevel.Warning));

        _app = await builder.BuildAsync();
        using var start = new CancellationTokenSource(StartTimeout);
        await _app.StartAsync(start.Token);
        var services = _app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>()
            .Select(r => r.Name).Where(n => !n.EndsWith("-rebuilder", StringComparison.Ordinal));
        foreach (var resource in services.Prepend("redis"))
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, start.Token);
        }
        BaseAddress = _app.GetEndpoint("controlplane", "http");
        _http = _app.CreateHttpClient("controlplane");
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        _api = new ControlPlaneApi(_http);

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser context (its own storage) and page at the dashboard's address, signed in through the form.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var page = await NewSignedOutPageAsync();
        await page.GotoAsync("/");
        await page.GetByTestId("signin-key").FillAsync(AdminKey);
        await page.GetByTestId("signin").ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("who")).ToContainTextAsync("(admin)");
        return page;
    }

    /// <summary>A fresh browser context (no session cookie) and page.</summary>
    public async Task<IPage> NewSignedOutPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
