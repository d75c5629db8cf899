using HumanEval.Core.Sessions;

namespace HumanEval.Core.Tests.Sessions;

/// <summary>Ending sittings, the idle rule shared by the session and the item timer, the warning band, roster status.</summary>
public sealed class SessionLifecycleTests
{
    private static readonly DateTime T0 = new(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc);
    private static readonly SessionPolicy Policy = new(); // cap 120, break 30, idle 5, grace 5 minutes

    private static SessionClock Worked(int minutes)
    {
        var session = SessionRules.Start(T0);
        for (var i = 1; i <= minutes; i++)
        {
            session = SessionRules.Touch(session, T0.AddMinutes(i), Policy);
        }

        return session;
    }

    [Fact]
    public void A_sitting_left_longer_than_a_break_ends_idle_where_the_activity_stopped()
    {
        var session = Worked(40);
        Assert.True(SessionRules.Expire(session, T0.AddMinutes(70), Policy).IsOpen); // 30 min away: exactly a break, still open

        var over = SessionRules.Expire(session, T0.AddMinutes(70).AddSeconds(1), Policy);
        Assert.False(over.IsOpen);
        Assert.Equal(T0.AddMinutes(40), over.EndedAt);
        Assert.Equal(SessionEnd.Idle, over.EndReason);
        Assert.Equal(TimeSpan.FromMinutes(40), over.Active);
    }

    [Fact]
    public void A_capped_sitting_ends_at_the_cap_once_its_break_is_over_however_long_ago_the_last_activity_was()
    {
        var capped = Worked(125);
        Assert.Equal(T0.AddMinutes(120), capped.CapReachedAt);
        Assert.True(SessionRules.Expire(capped, T0.AddMinutes(149), Policy).IsOpen);

        var over = SessionRules.Expire(capped, T0.AddMinutes(150), Policy);
        Assert.Equal(T0.AddMinutes(120), over.EndedAt);
        Assert.Equal(SessionEnd.Cap, over.EndReason);
    }

    [Fact]
    public void An_ended_session_is_returned_unchanged()
    {
        var ended = SessionRules.End(Worked(10), T0.AddMinutes(10), SessionEnd.Logout);
        Assert.Same(ended, SessionRules.Expire(ended, T0.AddDays(2), Policy));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-30, 0)]
    [InlineData(60, 60)]
    [InlineData(300, 300)] // exactly the idle cutoff still counts
    [InlineData(301, 0)]
    public void A_gap_counts_whole_up_to_the_idle_cutoff_and_not_at_all_beyond(int gapSeconds, int countedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(countedSeconds), SessionRules.Counted(TimeSpan.FromSeconds(gapSeconds), Policy));
    }

    [Fact]
    public void The_item_timer_uses_the_sessions_idle_rule_and_carries_a_restored_drafts_time()
    {
        var timer = new ActiveTime(Policy with { IdleCutoff = TimeSpan.FromMinutes(2) });
        timer.Reset(carriedSeconds: 45, T0);
        timer.Touch(T0.AddSeconds(30));  // +30
        timer.Touch(T0.AddMinutes(10));  // 9.5 min away: not counted
        timer.Touch(T0.AddMinutes(12));  // exactly 2 min: counted
        timer.Touch(T0.AddMinutes(11));  // a clock going back counts nothing
        Assert.Equal(45 + 30 + 120, timer.Seconds);
    }

    [Fact]
    public void The_clock_turns_to_a_warning_at_the_first_threshold_and_each_threshold_is_crossed_once()
    {
        var before = Worked(104); // 16 min left
        var at15 = Worked(105);
        Assert.False(SessionRules.InWarning(before, Policy));
        Assert.True(SessionRules.InWarning(at15, Policy));
        Assert.Equal(TimeSpan.FromMinutes(15), SessionRules.WarningCrossed(before, at15, Policy));
        Assert.Null(SessionRules.WarningCrossed(at15, Worked(110), Policy)); // 10 left: nothing new
        Assert.Equal(TimeSpan.FromMinutes(5), SessionRules.WarningCrossed(Worked(110), Worked(116), Policy));
        Assert.False(SessionRules.InWarning(Worked(100), Policy with { Warnings = [] }));
    }

    private static EvaluatorSnapshot Member(bool active = true, double weekHours = 1, double? limit = null, bool reserved = false, SessionClock? latest = null) =>
        new(active, TimeSpan.FromHours(weekHours), limit, reserved, latest);

    [Fact]
    public void Roster_status_follows_the_order_inactive_weekly_limit_capped_on_break_rating_now_idle()
    {
        var working = Worked(30);
        var now = T0.AddMinutes(32);
        Assert.Equal(EvaluatorStatus.RatingNow, EvaluatorStatusRules.Of(Member(reserved: true, latest: working), now, Policy));
        Assert.Equal(EvaluatorStatus.Idle, EvaluatorStatusRules.Of(Member(reserved: false, latest: working), now, Policy));
        Assert.Equal(EvaluatorStatus.Idle, EvaluatorStatusRules.Of(Member(reserved: true, latest: working), T0.AddMinutes(35), Policy)); // 5 min quiet
        Assert.Equal(EvaluatorStatus.Inactive, EvaluatorStatusRules.Of(Member(active: false, reserved: true, latest: working), now, Policy));
        Assert.Equal(EvaluatorStatus.WeeklyLimit, EvaluatorStatusRules.Of(Member(weekHours: 10, limit: 10, reserved: true, latest: working), now, Policy));

        var capped = Worked(125); // cap at T0 + 120
        Assert.Equal(EvaluatorStatus.Capped, EvaluatorStatusRules.Of(Member(reserved: true, latest: capped), T0.AddMinutes(124), Policy));
        Assert.Equal(EvaluatorStatus.OnBreak, EvaluatorStatusRules.Of(Member(latest: capped), T0.AddMinutes(125), Policy));
        Assert.Equal(EvaluatorStatus.Idle, EvaluatorStatusRules.Of(Member(latest: capped), T0.AddMinutes(150), Policy));
        Assert.Equal(EvaluatorStatus.Idle, EvaluatorStatusRules.Of(Member(latest: null), now, Policy));
    }
}
