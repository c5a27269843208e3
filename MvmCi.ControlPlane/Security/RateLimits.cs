using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MvmCi.ControlPlane.Security;

/// <summary>
/// Per-key token buckets on submits (a key's own <c>submitsPerMinute</c>, or <see cref="AccessOptions.DefaultSubmitsPerMinute"/>)
/// and uploads (its own <c>uploadsPerMinute</c>, or <see cref="AccessOptions.UploadsPerMinute"/>). A bucket holds one minute's worth, so a burst of that size
/// passes at once. Over the limit: <c>429</c> with <c>Retry-After</c>. The buckets are per control plane replica.
/// </summary>
public static class RateLimits
{
    public const string Submit = "submit";
    public const string Upload = "upload";

    public static IServiceCollection AddMvmCiRateLimits(this IServiceCollection services) => services.AddRateLimiter(limiter =>
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.AddPolicy(Submit, context => PerKey(context, caller => caller?.SubmitsPerMinute, settings => settings.DefaultSubmitsPerMinute));
        limiter.AddPolicy(Upload, context => PerKey(context, caller => caller?.UploadsPerMinute, settings => settings.UploadsPerMinute));
        limiter.OnRejected = async (rejected, cancellationToken) =>
        {
            var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                : 1;
            var http = rejected.HttpContext;
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            var what = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == Upload ? "uploads" : "submits";
            await Apis.Problems.Of(StatusCodes.Status429TooManyRequests, "Too many requests",
                $"This key is over its rate of {what}; retry after {seconds} s. An admin can give a key its own rate ({(what == "uploads" ? "uploadsPerMinute" : "submitsPerMinute")}).")
                .ExecuteAsync(http);
        };
    });

    /// <summary>The bucket of the request's key: its own rate, else the deployment's default for that bucket.</summary>
    private static RateLimitPartition<string> PerKey(HttpContext context, Func<Caller?, int?> own, Func<AccessOptions, int> fallback)
    {
        var caller = CallerClaims.FromPrincipal(context.User);
        var perMinute = own(caller) ?? fallback(context.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value);
        return RateLimitPartition.GetTokenBucketLimiter($"{caller?.Id}:{perMinute}", _ => Bucket(perMinute));
    }

    /// <summary>A bucket of one minute's worth, refilled every second (or every 60/N seconds below one a second).</summary>
    private static TokenBucketRateLimiterOptions Bucket(int perMinute) => new()
    {
        TokenLimit = perMinute,
        TokensPerPeriod = perMinute >= 60 ? (int)Math.Ceiling(perMinute / 60.0) : 1,
        ReplenishmentPeriod = perMinute >= 60 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(60.0 / perMinute),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
