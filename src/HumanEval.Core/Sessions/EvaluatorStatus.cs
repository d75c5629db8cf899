using HumanEval.Core.Operations;

namespace HumanEval.Core.Sessions;

/// <summary>Where a roster member stands right now, as the lead's roster shows it.</summary>
public enum EvaluatorStatus
{
    /// <summary>Holds a reservation and was active within the idle cutoff.</summary>
    RatingNow,

    /// <summary>Reached the session cap and may still finish the example in hand (within the grace).</summary>
    Capped,

    /// <summary>Reached the session cap; no new example until the break is over.</summary>
    OnBreak,

    /// <summary>Reached their weekly hour limit (all campaigns together).</summary>
    WeeklyLimit,

    /// <summary>Their evaluator profile is deactivated (or missing).</summary>
    Inactive,

    /// <summary>None of the above: available, not rating at the moment.</summary>
    Idle,
}

/// <summary>What the status is decided from: plain data read by the roster query.</summary>
/// <param name="Active">The evaluator profile exists and is active.</param>
/// <param name="ActiveThisWeek">Active session time this week over all campaigns.</param>
/// <param name="WeeklyHourLimit">The profile's weekly limit in hours (null: none).</param>
/// <param name="HoldsReservation">Has a live reservation in this campaign.</param>
/// <param name="Latest">The most recent session (any campaign), if any.</param>
public sealed record EvaluatorSnapshot(bool Active, TimeSpan ActiveThisWeek, double? WeeklyHourLimit, bool HoldsReservation, SessionClock? Latest);

public static class EvaluatorStatusRules
{
    /// <summary>
    /// The first that holds, in this order: inactive; weekly limit reached (<see cref="WeeklyLimit.Allows"/>); capped
    /// (cap reached, within the grace); on break (cap reached, within the break); rating now (a reservation and an open
    /// session active within the idle cutoff); else idle.
    /// </summary>
    public static EvaluatorStatus Of(EvaluatorSnapshot evaluator, DateTime now, SessionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(policy);
        if (!evaluator.Active)
        {
            return EvaluatorStatus.Inactive;
        }

        if (!WeeklyLimit.Allows(evaluator.ActiveThisWeek, evaluator.WeeklyHourLimit))
        {
            return EvaluatorStatus.WeeklyLimit;
        }

        if (evaluator.Latest?.CapReachedAt is { } capped)
        {
            if (now < capped + policy.Grace)
            {
                return EvaluatorStatus.Capped;
            }

            if (now < capped + policy.Break)
            {
                return EvaluatorStatus.OnBreak;
            }
        }

        return evaluator.HoldsReservation && evaluator.Latest is { IsOpen: true } open && now - open.LastActivityAt < policy.IdleCutoff
            ? EvaluatorStatus.RatingNow
            : EvaluatorStatus.Idle;
    }
}
