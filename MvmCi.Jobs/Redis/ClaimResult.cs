using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.State;

namespace MvmCi.Jobs.Redis;

/// <summary>
/// The outcome of a claim: the transition, what to run (null when the claim did not apply), and
/// whether a cancel was asked for while the job had no worker, and whether this attempt is beyond the
/// job's <c>maxAttempts</c> (a lease that lapsed too often: the job must fail instead of running again).
/// <see cref="Links"/> are the W3C traceparents this attempt's span links to: the previous attempt's run and,
/// after a retry on demand, the request that asked for it.
/// </summary>
public sealed record ClaimResult(
    TransitionResult Claim, ExecutionRequest? Request, bool CancelRequested, bool AttemptsExhausted, RetryPolicy Retry,
    JobDeadlines Deadlines)
{
    public IReadOnlyList<string> Links { get; init; } = [];
}
