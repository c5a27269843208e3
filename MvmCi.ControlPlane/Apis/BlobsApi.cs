using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MvmCi.ControlPlane.Modules;
using MvmCi.ControlPlane.Options;
using MvmCi.ControlPlane.Security;
using MvmCi.Jobs.Redis;

namespace MvmCi.ControlPlane.Apis;

/// <summary>Content-addressed blobs for job inputs: <c>/api/blobs</c>.</summary>
public static class BlobsApi
{
    public static RouteGroupBuilder MapBlobsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/blobs").WithTags("Blobs");
        api.MapPost("/", UploadAsync)
            .RequireAuthorization(AccessPolicies.Submit)
            .RequireRateLimiting(RateLimits.Upload)
            .WithName("UploadBlob")
            .WithSummary("Upload a blob (raw bytes, any content type) to mount as a job input; answers its digest.")
            .Accepts<byte[]>("application/octet-stream");
        api.MapGet("/{digest}", DownloadAsync)
            .WithName("DownloadBlob")
            .WithSummary("Download a blob by digest.");
        return api;
    }

    public static async Task<Results<Created<BlobRecord>, Ok<BlobRecord>, ProblemHttpResult>> UploadAsync(
        HttpRequest request, BlobStore blobs, IOptions<ControlPlaneOptions> options, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxBlobBytes;
        var body = await RequestBody.ReadAsync(request, limit, cancellationToken);
        if (body is null)
        {
            return TooLarge(limit);
        }
        var (digest, created) = await blobs.PutAsync(body, cancellationToken);
        var record = new BlobRecord(digest, body.Length);
        return created ? TypedResults.Created($"/api/blobs/{digest}", record) : TypedResults.Ok(record);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(
        string digest, BlobStore blobs, CancellationToken cancellationToken)
    {
        if (!ModuleReference.IsDigest(digest))
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "Invalid digest", $"'{digest}' is not a digest (sha256:<64 lowercase hex>).");
        }
        var bytes = await blobs.GetAsync(digest, cancellationToken);
        return bytes is null
            ? Problems.Of(StatusCodes.Status404NotFound, "Blob not found", $"No blob {digest} is stored.")
            : TypedResults.File(bytes, "application/octet-stream");
    }

    private static ProblemHttpResult TooLarge(long limit) =>
        Problems.Of(StatusCodes.Status413PayloadTooLarge, "Blob too large", $"Blobs may be at most {limit} bytes (ControlPlane:MaxBlobBytes).");
}
