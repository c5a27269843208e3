using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using MvmCi.ControlPlane.Security;
using MvmCi.Jobs.Security;

namespace MvmCi.ControlPlane.Apis;

/// <summary>Job secrets: <c>/api/secrets</c> (admin). Values go in and are never given back.</summary>
public static class SecretsApi
{
    public static IEndpointRouteBuilder MapSecretsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/secrets").WithTags("Secrets").RequireAuthorization(AccessPolicies.Admin);
        api.MapPut("/{name}", SetAsync)
            .WithName("SetSecret")
            .WithSummary("Set a secret { value } that jobs name in 'secrets' (env var → secret name); stored encrypted, never returned.");
        api.MapGet("/", ListAsync)
            .WithName("ListSecrets")
            .WithSummary("The stored secrets' names and when each was set (never a value).");
        api.MapDelete("/{name}", DeleteAsync)
            .WithName("DeleteSecret")
            .WithSummary("Delete a secret; jobs that name it fail with secret_unavailable when they start.");
        return api;
    }

    public static async Task<Results<Ok<SecretRecord>, Created<SecretRecord>, ValidationProblem>> SetAsync(
        string name, SetSecretRequest? request, SecretStore store, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!SecretNames.IsValid(name))
        {
            errors["name"] = [$"A secret's name is a letter or digit, then up to 63 letters, digits, '.', '_' or '-'; got '{name}'."];
        }
        if (request?.Value is not { Length: > 0 } value || Encoding.UTF8.GetByteCount(value) > SecretNames.MaxValueBytes || value.Contains('\0', StringComparison.Ordinal))
        {
            errors["value"] = [$"'value' is required: 1 to {SecretNames.MaxValueBytes} bytes of text without NUL."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid secret", detail: string.Join(" ", errors.Values.SelectMany(v => v)));
        }
        var (record, created) = await store.SetAsync(name, request!.Value!, cancellationToken);
        return created ? TypedResults.Created($"/api/secrets/{name}", record) : TypedResults.Ok(record);
    }

    public static async Task<Ok<SecretList>> ListAsync(SecretStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(new SecretList(await store.ListAsync(cancellationToken)));

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string name, SecretStore store, CancellationToken cancellationToken) =>
        await store.DeleteAsync(name, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.Of(StatusCodes.Status404NotFound, "Secret not found", $"No secret is named '{name}'.");
}
