namespace HumanEval.Data.Workflow;

public enum SubmitOutcome
{
    Submitted,
    Invalid,
    NotYours,
    AlreadyClosed,
    SlotLost,
    GraceOver,
}

public sealed record SubmitResult(SubmitOutcome Outcome, IReadOnlyList<string> Problems);
