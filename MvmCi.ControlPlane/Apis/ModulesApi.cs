using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MvmCi.ControlPlane.Modules;
using MvmCi.ControlPlane.Options;
using MvmCi.ControlPlane.Security;
using MvmCi.Execution.Modules;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.Redis;

namespace MvmCi.ControlPlane.Apis;

/// <summary>The module registry: <c>/api/modules</c>.</summary>
public static class ModulesApi
{
    private static readonly string[] AcceptedContentTypes = ["application/wasm", "application/octet-stream"];

    public static RouteGroupBuilder MapModulesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/modules").WithTags("Modules");
        api.MapPost("/", UploadAsync)
            .RequireAuthorization(AccessPolicies.Submit)
            .RequireRateLimiting(RateLimits.Upload)
            .WithName("UploadModule")
            .WithSummary("Upload a WebAssembly module (raw bytes, Content-Type: application/wasm); optional ?name=&version=.")
            .Accepts<byte[]>("application/wasm");
        api.MapGet("/", ListAsync)
            .WithName("ListModules")
            .WithSummary("List modules, newest first.");
        api.MapGet("/{reference}", GetAsync)
            .WithName("GetModule")
            .WithSummary("Get a module by digest (sha256:<hex>) or name@version.");
        api.MapDelete("/{reference}", DeleteAsync)
            .RequireAuthorization(AccessPolicies.Admin)
            .WithName("DeleteModule")
            .WithSummary("Delete a module (bytes and every alias) unless an unfinished job uses it.");
        return api;
    }

    public static async Task<Results<Created<ModuleRecord>, Ok<ModuleRecord>, ProblemHttpResult>> UploadAsync(
        HttpRequest request, string? name, string? version, ModuleStore modules, ModuleInspector inspector,
        IOptions<ControlPlaneOptions> options, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxModuleBytes;
        var contentType = request.ContentType?.Split(';')[0].Trim();
        if (contentType is null || !AcceptedContentTypes.Contains(contentType, StringComparer.OrdinalIgnoreCase))
        {
            return Problems.Of(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                $"Send the module's raw bytes with 'Content-Type: application/wasm' (got '{request.ContentType ?? "none"}').");
        }

        if ((name is null) != (version is null))
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "Incomplete module name",
                "Give both 'name' and 'version' (the module is then addressable as name@version), or neither.");
        }
        if (name is not null && !ModuleReference.IsName(name))
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "Invalid module name", $"'name' is invalid: {ModuleReference.NameRule}.");
        }
        if (version is not null && !ModuleReference.IsVersion(version))
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "Invalid module version", $"'version' is invalid: {ModuleReference.VersionRule}.");
        }

        var body = await RequestBody.ReadAsync(request, limit, cancellationToken);
        if (body is null)
        {
            return TooLarge(limit);
        }
        if (body.Length == 0)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "Empty module", "The request body is empty: send the module's bytes.");
        }

        var inspection = inspector.Inspect(body);
        if (!inspection.IsValid)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "Invalid WebAssembly module",
                $"Wasmtime could not compile the module: {inspection.Error}");
        }

        if (inspection.MissingImports.Count > 0)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "Unsupported imports",
                "The module imports what the sandbox does not provide (WASI preview1, wasi_snapshot_preview1, and the mvmci host API are linked, with the signatures in docs/host-api.md): "
                + string.Join(", ", inspection.MissingImports.Select(i => $"{i.Module}.{i.Name} ({i.Kind})")) + ".");
        }

        var digest = ContentDigest.Of(body);
        var alias = name is null ? null : $"{name}@{version}";
        var (outcome, bound) = await modules.PutAsync(digest, body, inspection.Imports, inspection.Exports, alias, cancellationToken);
        if (outcome == ModulePutOutcome.AliasConflict)
        {
            return Problems.Of(StatusCodes.Status409Conflict, "Version already published",
                $"{alias} is already bound to {bound}; versions are immutable, publish these bytes under a new version.");
        }

        var record = await modules.GetAsync(digest, alias, cancellationToken)
            ?? throw new InvalidOperationException($"Module {digest} vanished right after it was stored.");
        return outcome == ModulePutOutcome.Created
            ? TypedResults.Created($"/api/modules/{digest}", record)
            : TypedResults.Ok(record);
    }

    public static async Task<Ok<ModuleList>> ListAsync(ModuleStore modules, CancellationToken cancellationToken, int limit = 100)
    {
        var items = await modules.ListAsync(Math.Clamp(limit, 1, 1000), cancellationToken);
        return TypedResults.Ok(new ModuleList(items));
    }

    public static async Task<Results<Ok<ModuleRecord>, ProblemHttpResult>> GetAsync(
        string reference, ModuleStore modules, CancellationToken cancellationToken)
    {
        if (!ModuleReference.IsValid(reference))
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "Invalid module reference",
                $"'{reference}' is neither a digest (sha256:<64 lowercase hex>) nor name@version.");
        }

        var digest = await modules.ResolveAsync(reference, cancellationToken);
        var record = digest is null
            ? null
            : await modules.GetAsync(digest, reference.Contains('@', StringComparison.Ordinal) ? reference : null, cancellationToken);
        return record is null
            ? Problems.Of(StatusCodes.Status404NotFound, "Module not found", $"No module '{reference}' is in the registry.")
            : TypedResults.Ok(record);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string reference, ModuleStore modules, CancellationToken cancellationToken)
    {
        if (!ModuleReference.IsValid(reference))
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "Invalid module reference",
                $"'{reference}' is neither a digest (sha256:<64 lowercase hex>) nor name@version.");
        }
        var digest = await modules.ResolveAsync(reference, cancellationToken);
        var outcome = digest is null ? null : await modules.DeleteAsync(digest, cancellationToken);
        return outcome switch
        {
            null or { Found: false } => Problems.Of(StatusCodes.Status404NotFound, "Module not found", $"No module '{reference}' is in the registry."),
            { Deleted: true } => TypedResults.NoContent(),
            _ => Problems.Of(StatusCodes.Status409Conflict, "Module in use",
                $"Module {digest} is used by jobs that have not finished ({string.Join(", ", outcome.UsedBy)}); " +
                "cancel them or wait for them to end, then delete it."),
        };
    }

    private static ProblemHttpResult TooLarge(long limit) =>
        Problems.Of(StatusCodes.Status413PayloadTooLarge, "Module too large",
            $"Modules may be at most {limit} bytes (ControlPlane:MaxModuleBytes).");
}
