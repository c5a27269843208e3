namespace MvmCi.Jobs.Redis;

/// <summary>The outcome of a transition, with the job's status and attempt after it.</summary>
public readonly record struct TransitionResult(TransitionOutcome Outcome, string Status, int Attempt)
{
    public bool Applied => Outcome == TransitionOutcome.Applied;
}
