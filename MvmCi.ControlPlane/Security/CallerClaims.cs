using System.Globalization;
using System.Security.Claims;

namespace MvmCi.ControlPlane.Security;

/// <summary>A <see cref="Caller"/> as the claims of the request's user, and back.</summary>
public static class CallerClaims
{
    public const string KeyId = "mvmci:key";
    public const string SubmitsPerMinute = "mvmci:submits-per-minute";
    public const string UploadsPerMinute = "mvmci:uploads-per-minute";

    public static ClaimsPrincipal ToPrincipal(Caller caller, string scheme)
    {
        List<Claim> claims =
        [
            new(KeyId, caller.Id),
            new(ClaimTypes.Name, caller.Name),
            new(ClaimTypes.Role, caller.Role),
        ];
        if (caller.SubmitsPerMinute is { } submits)
        {
            claims.Add(new Claim(SubmitsPerMinute, submits.ToString(CultureInfo.InvariantCulture)));
        }
        if (caller.UploadsPerMinute is { } uploads)
        {
            claims.Add(new Claim(UploadsPerMinute, uploads.ToString(CultureInfo.InvariantCulture)));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>The caller of an authenticated request; null for an anonymous one.</summary>
    public static Caller? FromPrincipal(ClaimsPrincipal user) =>
        user.FindFirstValue(KeyId) is { } id
            ? new Caller(id, user.FindFirstValue(ClaimTypes.Name) ?? "", user.FindFirstValue(ClaimTypes.Role) ?? "",
                Rate(user, SubmitsPerMinute), Rate(user, UploadsPerMinute))
            : null;

    private static int? Rate(ClaimsPrincipal user, string claim) =>
        int.TryParse(user.FindFirstValue(claim), NumberStyles.None, CultureInfo.InvariantCulture, out var rate) ? rate : null;
}
