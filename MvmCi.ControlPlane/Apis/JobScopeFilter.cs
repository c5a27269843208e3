using System.Diagnostics;

namespace MvmCi.ControlPlane.Apis;

/// <summary>
/// For requests about one job (<c>/api/jobs/{id}/…</c>): tags the request's span with the job id and opens a
/// log scope carrying it, so what the control plane logs and traces for the request names the job.
/// </summary>
public sealed class JobScopeFilter(ILogger<JobScopeFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.Request.RouteValues.TryGetValue("id", out var value) && value is string id && Guid.TryParse(id, out _))
        {
            Activity.Current?.SetTag("mvmci.job.id", id);
            using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = id });
            return await next(context);
        }
        return await next(context);
    }
}
