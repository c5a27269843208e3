using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.State;

namespace MvmCi.Jobs.Redis;

/// <summary>
/// The outcome of a claim: the transition, what to run (null when the claim did not apply), and
/// whether a cancel was asked for while the job had no worker, and whether this attempt is beyond the
/// job's <c>maxAttempts</c> (a lease that lapsed too often: the job must fail instead of running again).
/// </summary>
public sealed record ClaimResult(
    TransitionResult Claim, ExecutionRequest? Request, bool CancelRequested, bool AttemptsExhausted, RetryPolicy Retry,
    JobDeadlines Deadlines);
