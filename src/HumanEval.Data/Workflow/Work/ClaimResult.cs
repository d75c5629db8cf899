namespace HumanEval.Data.Workflow;

public enum ClaimOutcome
{
    Claimed,
    Resumed,
    NothingLeft,
    NotOnRoster,
    CampaignNotOpen,
    Inactive,
    CapReached,
    OnBreak,
    FairShareReached,
    WeeklyLimitReached,
    BudgetReached,

    /// <summary>A lead (or a quality rule) paused this evaluator's claims in the campaign; <see cref="ClaimResult.Reason"/> says why.</summary>
    Paused,
}

/// <param name="Reason">With <see cref="ClaimOutcome.Paused"/>: why, in words the evaluator reads.</param>
public sealed record ClaimResult(ClaimOutcome Outcome, long? AssignmentId = null, DateTime? NotBefore = null, string? Reason = null)
{
    public bool HasWork => Outcome is ClaimOutcome.Claimed or ClaimOutcome.Resumed;
}
