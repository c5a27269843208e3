using Microsoft.AspNetCore.Http.HttpResults;
using MvmCi.ControlPlane.Security;
using MvmCi.Jobs.Security;

namespace MvmCi.ControlPlane.Apis;

/// <summary>API keys (<c>/api/keys</c>, admin), the caller (<c>/api/whoami</c>) and the dashboard's sign-in (<c>/api/session</c>).</summary>
public static class KeysApi
{
    public const int MaxNameLength = 128;

    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/keys").WithTags("Access").RequireAuthorization(AccessPolicies.Admin);
        keys.MapPost("/", CreateAsync)
            .WithName("CreateKey")
            .WithSummary("Create an API key { name, role: read|submit|admin, submitsPerMinute?, uploadsPerMinute? }; the key is in this answer only (it is stored hashed).");
        keys.MapGet("/", ListAsync)
            .WithName("ListKeys")
            .WithSummary("Every API key: id, name, role, rate and creation time (never the key).");
        keys.MapDelete("/{id}", RevokeAsync)
            .WithName("RevokeKey")
            .WithSummary("Revoke an API key: every control plane refuses it from now on.");

        app.MapGet("/api/whoami", (HttpContext context) => TypedResults.Ok(CallerClaims.FromPrincipal(context.User)))
            .WithTags("Access")
            .WithName("WhoAmI")
            .WithSummary("The key this request carries: id, name, role and rate.")
            .RequireAuthorization(AccessPolicies.Read);

        var session = app.MapGroup("/api/session").WithTags("Access").AllowAnonymous();
        session.MapPost("/", SignInAsync)
            .WithName("SignIn")
            .WithSummary("Sign the browser in with { key }: the key is checked and kept in an HttpOnly, SameSite=Strict cookie.");
        session.MapDelete("/", (HttpContext context) =>
            {
                context.Response.Cookies.Delete(SessionCookie.Name, SessionCookie.Options(context.Request));
                return TypedResults.NoContent();
            })
            .WithName("SignOut")
            .WithSummary("Sign the browser out (removes the session cookie).");
        return app;
    }

    public static async Task<Results<Created<CreatedKey>, ValidationProblem>> CreateAsync(
        CreateKeyRequest? request, ApiKeyStore store, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request?.Name is not { Length: > 0 and <= MaxNameLength } name || name.Any(char.IsControl))
        {
            errors["name"] = [$"'name' is required: 1 to {MaxNameLength} characters without control characters (what the key is for, e.g. 'ci')."];
        }
        if (!ApiRoles.IsKnown(request?.Role))
        {
            errors["role"] = [$"'role' must be one of {string.Join(", ", ApiRoles.All)}; got '{request?.Role}'."];
        }
        if (request?.SubmitsPerMinute is < 1 or > 10_000_000)
        {
            errors["submitsPerMinute"] = ["'submitsPerMinute' must be between 1 and 10000000, or absent for the deployment's default."];
        }
        if (request?.UploadsPerMinute is < 1 or > 1_000_000)
        {
            errors["uploadsPerMinute"] = ["'uploadsPerMinute' must be between 1 and 1000000, or absent for the deployment's default."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid key", detail: string.Join(" ", errors.Values.SelectMany(v => v)));
        }
        var created = await store.CreateAsync(request!.Name!, request.Role!, request.SubmitsPerMinute, request.UploadsPerMinute, cancellationToken);
        var record = created.Record;
        return TypedResults.Created($"/api/keys/{record.Id}",
            new CreatedKey(record.Id, record.Name, record.Role, record.SubmitsPerMinute, record.UploadsPerMinute, record.CreatedAt, created.Key));
    }

    public static async Task<Ok<KeyList>> ListAsync(ApiKeyStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(new KeyList(await store.ListAsync(cancellationToken)));

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string id, ApiKeyStore store, ApiKeyValidator validator, CancellationToken cancellationToken)
    {
        if (!await store.RevokeAsync(id, cancellationToken))
        {
            return Problems.Of(StatusCodes.Status404NotFound, "Key not found",
                id == Caller.BootstrapId
                    ? "The bootstrap admin key is configuration (Access:AdminKey, the AppHost's 'api-key' parameter), not a stored key: change it there."
                    : $"No API key has the id '{id}'.");
        }
        validator.Forget(id);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<Caller>, ProblemHttpResult>> SignInAsync(
        SessionRequest? request, HttpContext context, ApiKeyValidator validator, CancellationToken cancellationToken)
    {
        if (request?.Key is not { Length: > 0 and <= 512 } key || await validator.ValidateAsync(key.Trim(), cancellationToken) is not { } caller)
        {
            return Problems.Of(StatusCodes.Status401Unauthorized, "Sign-in failed",
                "That is not a valid API key. With the AppHost, the development key is the 'api-key' parameter in the Aspire dashboard.");
        }
        context.Response.Cookies.Append(SessionCookie.Name, key.Trim(), SessionCookie.Options(context.Request));
        return TypedResults.Ok(caller);
    }
}
