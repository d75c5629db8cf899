using System.Linq.Expressions;
using HumanEval.Core.Assignment;
using HumanEval.Data.Entities;

namespace HumanEval.Data.Workflow;

/// <summary>
/// The claim's slot condition in SQL. It must be checked in the same UPDATE that takes the slot (a read-then-write
/// would let two claims take the last slot), so it restates Core's rule
/// <see cref="AssignmentPolicy.SlotOpen"/> on the example's counters; ClaimConditionsTests runs both over every
/// combination of k, expert minimum, holders, expert holders and kind and finds them equal.
/// </summary>
public static class ClaimConditions
{
    public static Expression<Func<Example, bool>> SlotOpen(int k, int minExperts, bool isExpert) =>
        e => e.HolderCount < k && (isExpert || k - e.HolderCount > minExperts - e.ExpertHolderCount);
}
