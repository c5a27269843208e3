using Microsoft.AspNetCore.Http.HttpResults;
using MvmCi.Jobs.Redis;

namespace MvmCi.ControlPlane.Apis;

/// <summary><c>/api/jobs/{id}/artifacts</c>: the files a job's run left in its <c>outputs</c>.</summary>
public static class JobArtifactsApi
{
    public static async Task<Results<Ok<ArtifactList>, ProblemHttpResult>> ListAsync(
        string id, JobStore jobs, CancellationToken cancellationToken)
    {
        var job = Guid.TryParse(id, out _) ? await jobs.GetAsync(id, cancellationToken) : null;
        if (job is null)
        {
            return Problems.JobNotFound(id);
        }
        return TypedResults.Ok(new ArtifactList(job.Id, job.Status, [.. job.Artifacts.Select(a => new ArtifactItem(
            a.Path, a.Digest, a.Size, a.Skipped, a.Digest is null ? null : $"/api/jobs/{job.Id}/artifacts/{Uri.EscapeDataString(a.Path).Replace("%2F", "/", StringComparison.Ordinal)}"))]));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(
        string id, string path, JobStore jobs, BlobStore blobs, CancellationToken cancellationToken)
    {
        var job = Guid.TryParse(id, out _) ? await jobs.GetAsync(id, cancellationToken) : null;
        if (job is null)
        {
            return Problems.JobNotFound(id);
        }
        var artifact = job.Artifacts.FirstOrDefault(a => a.Path == path);
        if (artifact?.Digest is not { } digest)
        {
            return Problems.Of(StatusCodes.Status404NotFound, "Artifact not found",
                artifact is null
                    ? $"Job {id} has no artifact '{path}'; GET /api/jobs/{id}/artifacts lists what it has."
                    : $"Artifact '{path}' of job {id} was not stored: {artifact.Skipped}.");
        }
        var bytes = await blobs.GetAsync(digest, cancellationToken);
        return bytes is null
            ? Problems.Of(StatusCodes.Status404NotFound, "Artifact not found", $"The blob {digest} of artifact '{path}' is no longer stored.")
            : TypedResults.File(bytes, "application/octet-stream", fileDownloadName: Path.GetFileName(path));
    }
}
