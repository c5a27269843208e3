using MvmCi.Jobs.Contracts;

namespace MvmCi.Cli.Client;

/// <summary>What <c>POST /api/jobs/{id}/cancel</c> did: <see cref="Immediate"/> when a queued job is already cancelled (200), otherwise its worker was asked to stop it (202).</summary>
public sealed record CancelResult(JobRecord Job, bool Immediate);
