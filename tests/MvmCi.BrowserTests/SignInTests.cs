using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MvmCi.BrowserTests;

/// <summary>Signing in: the page asks for a key, refuses a wrong one, takes one from a /#key= link, and signs out.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SignInTests(DashboardAppFixture app)
{
    [Fact]
    public async Task WithoutAKeyThePageAsksForOneAndRefusesAWrongOne()
    {
        var page = await app.NewSignedOutPageAsync();
        try
        {
            await page.GotoAsync("/#/jobs");
            await Expect(page.GetByTestId("signin-form")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("who")).ToBeHiddenAsync();
            // No page of data was shown before the sign-in.
            await Expect(page.GetByTestId("jobs")).ToHaveCountAsync(0);

            await page.GetByTestId("signin-key").FillAsync("mvmci_aaaaaaaaaa_not-a-key");
            await page.GetByTestId("signin").ClickAsync();
            await Expect(page.Locator("#error")).ToContainTextAsync("Sign-in failed");
            await Expect(page.GetByTestId("signin-form")).ToBeVisibleAsync();

            await page.GetByTestId("signin-key").FillAsync(app.AdminKey);
            await page.GetByTestId("signin").ClickAsync();
            await Expect(page.GetByTestId("who")).ToContainTextAsync("(admin)");
            var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "mvmci_session");
            Assert.True(cookie.HttpOnly);
            Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
            // The session cookie is not readable by the page's scripts.
            Assert.DoesNotContain("mvmci_session", await page.EvaluateAsync<string>("document.cookie"), StringComparison.Ordinal);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task TheAppHostLinkSignsInAndTheKeyLeavesTheAddress()
    {
        var page = await app.NewSignedOutPageAsync();
        try
        {
            await page.GotoAsync("/#key=" + Uri.EscapeDataString(app.AdminKey));
            await Expect(page.GetByTestId("who")).ToContainTextAsync("(admin)");
            Assert.DoesNotContain(app.AdminKey, page.Url, StringComparison.Ordinal);
            Assert.DoesNotContain("key=", page.Url, StringComparison.Ordinal);

            await page.GetByTestId("signout").ClickAsync();
            await Expect(page.GetByTestId("signin-form")).ToBeVisibleAsync();
            Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "mvmci_session");
            // A reload stays signed out.
            await page.ReloadAsync();
            await Expect(page.GetByTestId("signin-form")).ToBeVisibleAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
