namespace MvmCi.ControlPlane.Security;

/// <summary>
/// The dashboard's sign-in: <c>POST /api/session</c> checks a key and stores it in this cookie (HttpOnly, so scripts
/// cannot read it; SameSite=Strict, so other sites cannot send it), which is how the browser's fetches, server-sent
/// event streams and downloads carry the key. The key is checked on every request, so a revoked key ends the session.
/// </summary>
public static class SessionCookie
{
    public const string Name = "mvmci_session";

    public static CookieOptions Options(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = request.IsHttps,
        Path = "/",
        IsEssential = true,
    };
}
