using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using MvmCi.Jobs.Redis;

namespace MvmCi.ControlPlane.Apis;

/// <summary><c>/api/jobs/{id}/journal</c>: what a durable run recorded, to see where a resumed run picks up.</summary>
public static class JobJournalApi
{
    public static async Task<Results<Ok<JournalList>, ProblemHttpResult>> GetAsync(
        string id, JobStore jobs, JournalStore journal, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out _) || await jobs.GetStatusAsync(id, cancellationToken) is null)
        {
            return Problems.JobNotFound(id);
        }
        var entries = await journal.LoadAsync(id, cancellationToken);
        return TypedResults.Ok(new JournalList(id, [.. entries.Select(e => JsonDocument.Parse(e).RootElement.Clone())]));
    }
}
