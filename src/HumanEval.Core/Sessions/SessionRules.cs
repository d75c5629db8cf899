namespace HumanEval.Core.Sessions;

/// <summary>The session limits of a campaign. Defaults: 120 min cap of active time, 30 min break, 5 min idle cutoff, 5 min grace.</summary>
public sealed record SessionPolicy
{
    public TimeSpan Cap { get; init; } = TimeSpan.FromMinutes(120);

    public TimeSpan Break { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>A gap between two activities longer than this is idle and does not count as active time.</summary>
    public TimeSpan IdleCutoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>After the cap, the item in hand may still be submitted for this long.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Time left at which the evaluator is warned, largest first.</summary>
    public IReadOnlyList<TimeSpan> Warnings { get; init; } = [TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(5)];
}

public enum SessionEnd
{
    Cap,
    Logout,
    Idle,
}

/// <summary>One sitting: when it started, the last activity, the active time so far, and how it ended (if it did).</summary>
public sealed record SessionClock(DateTime StartedAt, DateTime LastActivityAt, TimeSpan Active, DateTime? EndedAt = null, SessionEnd? EndReason = null, DateTime? CapReachedAt = null)
{
    public bool IsOpen => EndedAt is null;
}

public enum ClaimVerdict
{
    Allowed,
    CapReached,
    OnBreak,
}

/// <summary>Whether a new claim may be granted, and if not, until when.</summary>
public sealed record ClaimDecision(ClaimVerdict Verdict, DateTime? NotBefore = null)
{
    public bool Allowed => Verdict == ClaimVerdict.Allowed;
}

/// <summary>
/// Session clock rules, decided on the server from plain data and the current time (no wall clock inside):
/// active time accrues only between activities closer than the idle cutoff; at the cap no new claim is granted,
/// the item in hand may be submitted within the grace, and the next session may start after the break.
/// </summary>
public static class SessionRules
{
    public static SessionClock Start(DateTime now) => new(now, now, TimeSpan.Zero);

    /// <summary>Records an activity (interaction or heartbeat from a visible tab) at <paramref name="now"/>.</summary>
    public static SessionClock Touch(SessionClock session, DateTime now, SessionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(policy);
        if (!session.IsOpen || now <= session.LastActivityAt)
        {
            return session;
        }

        var active = session.Active + Counted(now - session.LastActivityAt, policy);
        var capReachedAt = session.CapReachedAt;
        if (capReachedAt is null && active >= policy.Cap)
        {
            // The cap was crossed inside this gap: the moment is when the remaining allowance ran out.
            capReachedAt = now - (active - policy.Cap);
            active = policy.Cap;
        }
        else if (capReachedAt is not null)
        {
            active = policy.Cap;
        }

        return session with { LastActivityAt = now, Active = active, CapReachedAt = capReachedAt };
    }

    /// <summary>
    /// The part of a gap between two activities that counts as active time: all of it up to the idle cutoff, none of a
    /// longer one (the evaluator was away). The same rule times the session and the example in hand (<see cref="ActiveTime"/>).
    /// </summary>
    public static TimeSpan Counted(TimeSpan gap, SessionPolicy policy) =>
        gap > TimeSpan.Zero && gap <= policy.IdleCutoff ? gap : TimeSpan.Zero;

    /// <summary>
    /// An open session that is over by now: away longer than a break, it ends where the activity stopped (Idle); capped
    /// and past its break, it ends at the cap (Cap). Anything else is returned as it is; the next claim then starts a
    /// new session.
    /// </summary>
    public static SessionClock Expire(SessionClock session, DateTime now, SessionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(policy);
        if (!session.IsOpen)
        {
            return session;
        }

        if (session.CapReachedAt is { } capped)
        {
            return now >= capped + policy.Break ? session with { EndedAt = capped, EndReason = SessionEnd.Cap } : session;
        }

        return now - session.LastActivityAt > policy.Break ? session with { EndedAt = session.LastActivityAt, EndReason = SessionEnd.Idle } : session;
    }

    /// <summary>True from the first warning threshold (15 minutes left by default) on: the clock is shown as a warning.</summary>
    public static bool InWarning(SessionClock session, SessionPolicy policy) =>
        policy.Warnings.Count > 0 && Remaining(session, policy) <= policy.Warnings[0];

    public static TimeSpan Remaining(SessionClock session, SessionPolicy policy) =>
        session.Active >= policy.Cap ? TimeSpan.Zero : policy.Cap - session.Active;

    /// <summary>The warning threshold just crossed (e.g. 15 or 5 minutes left), if any, between two clocks.</summary>
    public static TimeSpan? WarningCrossed(SessionClock before, SessionClock after, SessionPolicy policy)
    {
        var was = Remaining(before, policy);
        var now = Remaining(after, policy);
        return policy.Warnings.Where(w => was > w && now <= w).Cast<TimeSpan?>().LastOrDefault();
    }

    /// <summary>Closes a session; a session that hit the cap ends with reason Cap.</summary>
    public static SessionClock End(SessionClock session, DateTime now, SessionEnd reason) =>
        session.IsOpen ? session with { EndedAt = now, EndReason = session.CapReachedAt is null ? reason : SessionEnd.Cap } : session;

    /// <summary>
    /// May the evaluator claim a new example now? <paramref name="current"/> is the open session (if any),
    /// <paramref name="lastCapped"/> the most recent session that ended at the cap (if any).
    /// </summary>
    public static ClaimDecision CanClaim(SessionClock? current, SessionClock? lastCapped, DateTime now, SessionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (current is { IsOpen: true } && current.Active >= policy.Cap)
        {
            var breakEnds = (current.CapReachedAt ?? now) + policy.Break;
            return new ClaimDecision(ClaimVerdict.CapReached, breakEnds);
        }

        var capped = current is { IsOpen: false, CapReachedAt: not null } ? current : lastCapped;
        if (capped?.CapReachedAt is { } reached && current is not { IsOpen: true, CapReachedAt: null })
        {
            var breakEnds = reached + policy.Break;
            if (now < breakEnds)
            {
                return new ClaimDecision(ClaimVerdict.OnBreak, breakEnds);
            }
        }

        return new ClaimDecision(ClaimVerdict.Allowed);
    }

    /// <summary>May an item claimed before the cap still be submitted? Yes until the grace after the cap runs out.</summary>
    public static bool CanSubmit(SessionClock session, DateTime now, SessionPolicy policy) =>
        session.CapReachedAt is not { } reached || now <= reached + policy.Grace;
}
