using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace MvmCi.ControlPlane.Security;

/// <summary>
/// Authenticates a request by its API key: <c>Authorization: Bearer {key}</c>, <c>X-Api-Key: {key}</c>, or the
/// dashboard's session cookie. Answers a missing or bad key with <c>401</c> and a role too low with <c>403</c>, both as
/// problem details that say what to send.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeyValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyHeader = "X-Api-Key";

    private const string FailureItem = "mvmci.auth.failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (key, fromCookie) = Presented(Request);
        if (key is null)
        {
            return AuthenticateResult.NoResult();
        }
        if (fromCookie && IsCrossSiteWrite(Request))
        {
            Context.Items[FailureItem] = "A signed-in browser session may only change things from this site (the Origin header names another).";
            return AuthenticateResult.Fail("cross-site request");
        }
        if (await validator.ValidateAsync(key, Context.RequestAborted) is not { } caller)
        {
            Context.Items[FailureItem] = fromCookie
                ? "The key this browser signed in with is no longer valid (revoked?): sign in again."
                : "The API key is not valid: it is unknown or was revoked.";
            return AuthenticateResult.Fail("invalid key");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(CallerClaims.ToPrincipal(caller, SchemeName), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"mvmci\"";
        var detail = Context.Items[FailureItem] as string
            ?? "This endpoint needs an API key: send 'Authorization: Bearer <key>' (or 'X-Api-Key: <key>'). The AppHost shows its development key on the 'api-key' parameter; an admin creates keys with POST /api/keys.";
        await WriteAsync(StatusCodes.Status401Unauthorized, "API key required", detail);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var caller = CallerClaims.FromPrincipal(Context.User);
        var required = AccessPolicies.RequiredRole(Context.GetEndpoint());
        await WriteAsync(StatusCodes.Status403Forbidden, "Role too low",
            $"This needs a key with the '{required}' role; key '{caller?.Id}' has '{caller?.Role}'.");
    }

    /// <summary>Problem details as JSON, whatever the request accepts (an event stream's client gets them too).</summary>
    private Task WriteAsync(int status, string title, string detail) => Apis.Problems.Of(status, title, detail).ExecuteAsync(Context);

    private static (string? Key, bool FromCookie) Presented(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7)
        {
            return (authorization[7..].Trim(), false);
        }
        if (request.Headers[KeyHeader].ToString() is { Length: > 0 } header)
        {
            return (header.Trim(), false);
        }
        return request.Cookies[SessionCookie.Name] is { Length: > 0 } cookie ? (cookie, true) : (null, false);
    }

    /// <summary>A write from a page of another origin (SameSite=Strict already keeps the cookie from most of them).</summary>
    private static bool IsCrossSiteWrite(HttpRequest request) =>
        !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
        && request.Headers.Origin.ToString() is { Length: > 0 } origin
        && !(Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
}
