using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using MvmCi.Jobs.Redis;
using MvmCi.Jobs.Security;

namespace MvmCi.ControlPlane.Apis;

/// <summary>
/// <c>/api/jobs/{id}/journal</c>: what a durable run recorded, to see where a resumed run picks up. The journal keeps
/// what the guest really sent and got (a resumed run replays it), so the values of the job's secrets are masked here,
/// in the URLs, messages and bodies shown.
/// </summary>
public static class JobJournalApi
{
    public static async Task<Results<Ok<JournalList>, ProblemHttpResult>> GetAsync(
        string id, JobStore jobs, JournalStore journal, SecretStore secrets, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out _) || await jobs.GetSecretNamesAsync(id, cancellationToken) is not { } named)
        {
            return Problems.JobNotFound(id);
        }
        var entries = await journal.LoadAsync(id, cancellationToken);
        var masker = named.Count == 0
            ? SecretMasker.None
            : new SecretMasker((await secrets.ResolveAsync(named.Values, cancellationToken)).Values.Values);
        return TypedResults.Ok(new JournalList(id, [.. entries.Select(e => Masked(e, masker))]));
    }

    private static JsonElement Masked(string entry, SecretMasker masker)
    {
        if (masker.IsEmpty || JsonNode.Parse(entry) is not JsonObject node)
        {
            return JsonDocument.Parse(entry).RootElement.Clone();
        }
        foreach (var field in new[] { "url", "message" })
        {
            if (node[field]?.GetValue<string>() is { } text)
            {
                node[field] = masker.Apply(text);
            }
        }
        // A body is shown as base64 of its bytes: masked as text when it is UTF-8 (an invalid sequence stays as it was).
        if (node["b"]?.GetValue<string>() is { } base64)
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            if (masker.Apply(text) is var masked && masked != text)
            {
                node["b"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(masked));
            }
        }
        return JsonSerializer.SerializeToElement(node);
    }
}
