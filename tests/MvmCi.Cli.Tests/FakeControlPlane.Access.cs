using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MvmCi.Cli.Tests;

/// <summary>
/// The fake's API keys, secrets and rate limit, in the contract's shapes. With no key in <see cref="ApiKeys"/> every
/// request is let in, as before keys existed (<c>whoami</c> excepted: it needs a key to describe); with any, every
/// <c>/api</c> request needs a known key whose role suffices: GET needs read, other methods submit, keys and secrets admin.
/// </summary>
public sealed partial class FakeControlPlane
{
    /// <summary>When the fake says a secret was set.</summary>
    public static readonly DateTimeOffset SecretsUpdatedAt = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static readonly string[] Roles = ["read", "submit", "admin"];

    /// <summary>Key → what it is; keys created with <c>POST /api/keys</c> are added.</summary>
    public ConcurrentDictionary<string, FakeApiKey> ApiKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Each request as "METHOD /path?query" with its <c>Authorization</c> header (null when it had none).</summary>
    public ConcurrentQueue<(string Request, string? Authorization)> Authorizations { get; } = new();

    /// <summary>Secret name → the value it was last set to.</summary>
    public ConcurrentDictionary<string, string> Secrets { get; } = new(StringComparer.Ordinal);

    /// <summary>The bodies of <c>POST /api/keys</c>.</summary>
    public ConcurrentQueue<JsonObject> KeyRequests { get; } = new();

    /// <summary>When set, <c>POST /api/jobs</c> answers 429 with <c>Retry-After</c> set to this many seconds.</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>Adds a key with this name and role; returns the key itself.</summary>
    public string AddKey(string name, string role, int? submitsPerMinute = null)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var key = $"mvmci_{id}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
        ApiKeys[key] = new FakeApiKey(id, name, role, submitsPerMinute, DateTimeOffset.UtcNow);
        return key;
    }

    private void MapAccess()
    {
        _app.Use(async (context, next) =>
        {
            if (Refusal(context) is { } refusal)
            {
                await refusal.ExecuteAsync(context);
                return;
            }
            await next(context);
        });
        _app.MapGet("/api/whoami", (HttpContext context) => context.Items[typeof(FakeApiKey)] is FakeApiKey key
            ? Results.Ok(new { id = key.Id, name = key.Name, role = key.Role })
            : Results.Problem(title: "Unauthorized", detail: "No API key was sent.", statusCode: 401));
        _app.MapPost("/api/keys", CreateKeyAsync);
        _app.MapGet("/api/keys", () => Results.Ok(new { keys = ApiKeys.Values.OrderBy(k => k.CreatedAt).ToArray() }));
        _app.MapDelete("/api/keys/{id}", (string id) => ApiKeys.FirstOrDefault(k => k.Value.Id == id) is { Key: { } key } && ApiKeys.TryRemove(key, out _)
            ? Results.NoContent()
            : Results.Problem(title: "Key not found", detail: $"No API key has the id '{id}'.", statusCode: 404));
        _app.MapPut("/api/secrets/{name}", SetSecretAsync);
        _app.MapGet("/api/secrets", () => Results.Ok(new { secrets = Secrets.Keys.Order(StringComparer.Ordinal).Select(name => new { name, updatedAt = SecretsUpdatedAt }).ToArray() }));
        _app.MapDelete("/api/secrets/{name}", (string name) => Secrets.TryRemove(name, out _)
            ? Results.NoContent()
            : Results.Problem(title: "Secret not found", detail: $"No secret is named '{name}'.", statusCode: 404));
    }

    /// <summary>The 401, 403 or 429 this request gets, or null to let it through.</summary>
    private IResult? Refusal(HttpContext context)
    {
        var request = context.Request;
        if (!ApiKeys.IsEmpty || request.Path.StartsWithSegments("/api/whoami", StringComparison.Ordinal))
        {
            var presented = request.Headers.Authorization.FirstOrDefault() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal)
                ? header["Bearer ".Length..]
                : request.Headers["X-Api-Key"].FirstOrDefault();
            if (presented is null)
            {
                return Results.Problem(title: "Unauthorized", detail: "This endpoint needs an API key: none was sent.", statusCode: 401);
            }
            if (!ApiKeys.TryGetValue(presented, out var key))
            {
                // Echoes the key, as a careless server might: the CLI must still not print it.
                return Results.Problem(title: "Unauthorized", detail: $"The API key '{presented}' is not known.", statusCode: 401);
            }
            var needed = request.Path.StartsWithSegments("/api/keys", StringComparison.Ordinal) || request.Path.StartsWithSegments("/api/secrets", StringComparison.Ordinal)
                ? "admin"
                : HttpMethods.IsGet(request.Method) ? "read" : "submit";
            if (Array.IndexOf(Roles, key.Role) < Array.IndexOf(Roles, needed))
            {
                return Results.Problem(title: "Forbidden", detail: $"This needs the '{needed}' role; the key '{key.Name}' has '{key.Role}'.", statusCode: 403);
            }
            context.Items[typeof(FakeApiKey)] = key;
        }
        if (RetryAfterSeconds is { } seconds && HttpMethods.IsPost(request.Method) && request.Path.Equals("/api/jobs", StringComparison.Ordinal))
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Results.Problem(title: "Too many submissions", detail: "This key may submit 600 jobs a minute.", statusCode: 429);
        }
        return null;
    }

    private async Task<IResult> CreateKeyAsync(HttpRequest request)
    {
        var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
        KeyRequests.Enqueue(body);
        var role = (string?)body["role"];
        if (role is null || !Roles.Contains(role))
        {
            return Results.Problem(title: "Invalid role", detail: $"The role must be one of {string.Join(", ", Roles)}.", statusCode: 400);
        }
        var key = AddKey((string)body["name"]!, role, (int?)body["submitsPerMinute"]);
        var created = ApiKeys[key];
        return Results.Created($"/api/keys/{created.Id}", new
        {
            id = created.Id, name = created.Name, role = created.Role, submitsPerMinute = created.SubmitsPerMinute, createdAt = created.CreatedAt, key,
        });
    }

    private async Task<IResult> SetSecretAsync(string name, HttpRequest request)
    {
        var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
        Secrets[name] = (string)body["value"]!;
        return Results.Ok(new { name, updatedAt = SecretsUpdatedAt });
    }
}
