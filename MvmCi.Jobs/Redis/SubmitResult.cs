using MvmCi.Jobs.Contracts;

namespace MvmCi.Jobs.Redis;

/// <summary>
/// The job a submit answers with. <see cref="Replayed"/>: the Idempotency-Key was used before, and
/// this is the earlier job; <see cref="BodyMatches"/> tells whether that earlier request had the same body.
/// </summary>
public sealed record SubmitResult(JobRecord Job, bool Replayed, bool BodyMatches);
