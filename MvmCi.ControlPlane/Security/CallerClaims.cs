using System.Globalization;
using System.Security.Claims;

namespace MvmCi.ControlPlane.Security;

/// <summary>A <see cref="Caller"/> as the claims of the request's user, and back.</summary>
public static class CallerClaims
{
    public const string KeyId = "mvmci:key";
    public const string SubmitsPerMinute = "mvmci:submits-per-minute";

    public static ClaimsPrincipal ToPrincipal(Caller caller, string scheme)
    {
        List<Claim> claims =
        [
            new(KeyId, caller.Id),
            new(ClaimTypes.Name, caller.Name),
            new(ClaimTypes.Role, caller.Role),
        ];
        if (caller.SubmitsPerMinute is { } rate)
        {
            claims.Add(new Claim(SubmitsPerMinute, rate.ToString(CultureInfo.InvariantCulture)));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>The caller of an authenticated request; null for an anonymous one.</summary>
    public static Caller? FromPrincipal(ClaimsPrincipal user) =>
        user.FindFirstValue(KeyId) is { } id
            ? new Caller(id, user.FindFirstValue(ClaimTypes.Name) ?? "", user.FindFirstValue(ClaimTypes.Role) ?? "",
                int.TryParse(user.FindFirstValue(SubmitsPerMinute), NumberStyles.None, CultureInfo.InvariantCulture, out var rate) ? rate : null)
            : null;
}
