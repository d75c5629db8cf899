namespace HumanEval.Data.Entities;

public enum AssignmentState
{
    Reserved,
    Submitted,
    Skipped,
    Expired,
    Released,
}
