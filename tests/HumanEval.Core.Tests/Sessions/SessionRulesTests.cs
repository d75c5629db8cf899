using HumanEval.Core.Sessions;

namespace HumanEval.Core.Tests.Sessions;

public sealed class SessionRulesTests
{
    private static readonly DateTime T0 = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);
    private static readonly SessionPolicy Policy = new();

    /// <summary>Activity every minute for <paramref name="minutes"/> minutes from the session's last activity.</summary>
    private static SessionClock Work(SessionClock session, int minutes)
    {
        for (var i = 0; i < minutes; i++)
        {
            session = SessionRules.Touch(session, session.LastActivityAt.AddMinutes(1), Policy);
        }

        return session;
    }

    [Fact]
    public void Steady_activity_counts_as_active_time()
    {
        var session = Work(SessionRules.Start(T0), 30);

        Assert.Equal(TimeSpan.FromMinutes(30), session.Active);
        Assert.Equal(TimeSpan.FromMinutes(90), SessionRules.Remaining(session, Policy));
    }

    [Fact]
    public void A_gap_longer_than_the_idle_cutoff_does_not_count()
    {
        var session = Work(SessionRules.Start(T0), 10);

        session = SessionRules.Touch(session, session.LastActivityAt.AddMinutes(20), Policy);
        session = SessionRules.Touch(session, session.LastActivityAt.AddMinutes(4), Policy);

        Assert.Equal(TimeSpan.FromMinutes(14), session.Active);
    }

    [Fact]
    public void Warnings_fire_once_at_fifteen_and_five_minutes_left()
    {
        var session = Work(SessionRules.Start(T0), 104);
        var crossed = new List<TimeSpan>();
        for (var i = 0; i < 16; i++)
        {
            var next = SessionRules.Touch(session, session.LastActivityAt.AddMinutes(1), Policy);
            if (SessionRules.WarningCrossed(session, next, Policy) is { } w)
            {
                crossed.Add(w);
            }

            session = next;
        }

        Assert.Equal([TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(5)], crossed);
    }

    [Fact]
    public void At_the_cap_no_claim_is_granted_until_the_break_is_over()
    {
        var session = Work(SessionRules.Start(T0), 125);
        var capAt = T0.AddMinutes(120);

        Assert.Equal(capAt, session.CapReachedAt);
        Assert.Equal(Policy.Cap, session.Active);
        var during = SessionRules.CanClaim(session, null, session.LastActivityAt, Policy);
        Assert.Equal(ClaimVerdict.CapReached, during.Verdict);
        Assert.Equal(capAt.AddMinutes(30), during.NotBefore);

        var ended = SessionRules.End(session, session.LastActivityAt, SessionEnd.Logout);
        Assert.Equal(SessionEnd.Cap, ended.EndReason);
        Assert.Equal(ClaimVerdict.OnBreak, SessionRules.CanClaim(null, ended, capAt.AddMinutes(29), Policy).Verdict);
        Assert.True(SessionRules.CanClaim(null, ended, capAt.AddMinutes(30), Policy).Allowed);
    }

    [Fact]
    public void The_item_in_hand_may_be_submitted_within_the_grace_after_the_cap()
    {
        var session = Work(SessionRules.Start(T0), 121);
        var capAt = session.CapReachedAt!.Value;

        Assert.True(SessionRules.CanSubmit(session, capAt.AddMinutes(5), Policy));
        Assert.False(SessionRules.CanSubmit(session, capAt.AddMinutes(5).AddSeconds(1), Policy));
        Assert.True(SessionRules.CanSubmit(Work(SessionRules.Start(T0), 10), T0.AddHours(5), Policy));
    }

    [Fact]
    public void A_configured_cap_is_honoured()
    {
        var shortPolicy = Policy with { Cap = TimeSpan.FromMinutes(45), Break = TimeSpan.FromMinutes(10) };
        var session = SessionRules.Start(T0);
        for (var i = 0; i < 50; i++)
        {
            session = SessionRules.Touch(session, session.LastActivityAt.AddMinutes(1), shortPolicy);
        }

        Assert.Equal(T0.AddMinutes(45), session.CapReachedAt);
        Assert.Equal(T0.AddMinutes(55), SessionRules.CanClaim(session, null, session.LastActivityAt, shortPolicy).NotBefore);
    }

    [Fact]
    public void A_fresh_evaluator_may_claim()
    {
        Assert.True(SessionRules.CanClaim(null, null, T0, Policy).Allowed);
        Assert.True(SessionRules.CanClaim(Work(SessionRules.Start(T0), 60), null, T0.AddHours(1), Policy).Allowed);
    }
}
