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
}

public sealed record ClaimResult(ClaimOutcome Outcome, long? AssignmentId = null, DateTime? NotBefore = null)
{
    public bool HasWork => Outcome is ClaimOutcome.Claimed or ClaimOutcome.Resumed;
}
