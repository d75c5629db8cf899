using HumanEval.Core;

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

/// <summary>A submit: <see cref="SubmitOutcome.Submitted"/> with no problems, or why not (the page branches on the outcome and shows the problems).</summary>
public sealed record SubmitResult(SubmitOutcome Outcome, IReadOnlyList<string> Problems) : RuleResult(Problems);
