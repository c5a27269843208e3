using Microsoft.Extensions.Options;
using MvmCi.Jobs.Security;

namespace MvmCi.Flawless.Security;

/// <summary>
/// The executor runs code only for this deployment's workers: every request under <c>/v1</c> must carry
/// <c>Authorization: Bearer {Security:ServiceKey}</c>, checked before its body is read. Anything else is answered
/// <c>401</c> problem details. Health and metrics stay open for probes.
/// </summary>
public static class ServiceKeyCheck
{
    public static IApplicationBuilder UseServiceKeyCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/v1")
            && !ServiceAuthentication.IsValid(context.Request.Headers.Authorization.ToString(),
                context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.ServiceKey))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"mvmci-executor\"";
            await TypedResults.Problem(title: "Service key required", statusCode: StatusCodes.Status401Unauthorized,
                detail: "This executor only runs jobs for its deployment's workers: send 'Authorization: Bearer <Security:ServiceKey>' (the AppHost's 'service-key' parameter).")
                .ExecuteAsync(context);
            return;
        }
        await next(context);
    });
}
