using System.Text.Json;

namespace MvmCi.ControlPlane.Apis;

/// <summary>The answer of <c>GET /api/jobs/{id}/journal</c>: the recorded host calls, oldest first.</summary>
public sealed record JournalList(string JobId, IReadOnlyList<JsonElement> Items);
