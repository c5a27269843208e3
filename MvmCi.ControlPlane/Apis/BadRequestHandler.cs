using Microsoft.AspNetCore.Diagnostics;

namespace MvmCi.ControlPlane.Apis;

/// <summary>
/// A request the framework could not bind (a query value that is not a number, a body it cannot read) is the client's
/// mistake: it answers <c>400</c> problem details naming what was wrong, not the <c>500</c> an unhandled exception gets.
/// </summary>
public sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "Bad request",
                Detail = bad.Message,
            },
        });
    }
}
