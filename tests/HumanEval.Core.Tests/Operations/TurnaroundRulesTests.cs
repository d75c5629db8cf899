using HumanEval.Core.Operations;

namespace HumanEval.Core.Tests.Operations;

public sealed class TurnaroundRulesTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(20.0, 0.0, TurnaroundStatus.OnTime)]
    [InlineData(24.0, 0.0, TurnaroundStatus.OnTime)]
    [InlineData(24.5, 0.0, TurnaroundStatus.Late)]
    [InlineData(null, 10.0, TurnaroundStatus.OnTrack)]
    [InlineData(null, 18.0, TurnaroundStatus.AtRisk)]
    [InlineData(null, 25.0, TurnaroundStatus.Breached)]
    public void Status_against_a_24_hour_target(double? completedAfterHours, double ageHours, TurnaroundStatus expected)
    {
        DateTime? completed = completedAfterHours is { } h ? T0.AddHours(h) : null;

        Assert.Equal(expected, TurnaroundRules.StatusOf(T0, completed, 24, T0.AddHours(ageHours)));
    }

    [Fact]
    public void Forecast_extrapolates_the_current_rate()
    {
        // 48 ratings in the last 24 h = 2 per hour; 10 left → 5 hours.
        var now = T0.AddDays(2);

        Assert.Equal(now.AddHours(5), TurnaroundRules.Forecast(10, 48, TimeSpan.FromHours(24), now));
        Assert.Null(TurnaroundRules.Forecast(10, 0, TimeSpan.FromHours(24), now));
        Assert.Null(TurnaroundRules.Forecast(0, 48, TimeSpan.FromHours(24), now));
    }

    [Fact]
    public void Summary_counts_statuses_and_uses_a_short_window_for_a_young_campaign()
    {
        var now = T0.AddHours(30);
        (DateTime, DateTime?)[] examples =
        [
            (T0, T0.AddHours(10)),
            (T0, T0.AddHours(20)),
            (T0, T0.AddHours(30)),
            (T0, null),
            (T0.AddHours(10), null),
        ];

        // First rating 4 hours ago, 8 ratings since: 2 per hour, 6 remaining → 3 hours.
        var summary = TurnaroundRules.Summarize(examples, 24, remainingRatings: 6, firstRatingAt: now.AddHours(-4), ratingsInLastDay: 8, now);

        Assert.Equal(3, summary.Complete);
        Assert.Equal(20, summary.P50Hours);
        Assert.Equal(28, summary.P90Hours!.Value, 9);
        Assert.Equal((2, 1, 1, 1), (summary.OnTime, summary.Late, summary.AtRisk, summary.Breached));
        Assert.Equal(2, summary.RatingsPerHour, 9);
        Assert.Equal(now.AddHours(3), summary.Forecast);
        Assert.Null(summary.NoForecastReason);
    }

    [Fact]
    public void No_forecast_while_ratings_remain_that_nobody_on_the_roster_can_give_and_never_one_before_now()
    {
        var now = T0.AddHours(12);
        (DateTime, DateTime?)[] examples = [(T0, null), (T0, null)];

        var stalled = TurnaroundRules.Summarize(examples, 24, remainingRatings: 2, firstRatingAt: now.AddHours(-4), ratingsInLastDay: 40, now, unfillableRatings: 1);
        Assert.Null(stalled.Forecast);
        Assert.Equal("1 of 2 remaining ratings cannot be given by anyone on the roster now, so no forecast: see why under Progress.", stalled.NoForecastReason);

        var idle = TurnaroundRules.Summarize(examples, 24, remainingRatings: 2, firstRatingAt: now.AddDays(-3), ratingsInLastDay: 0, now);
        Assert.Equal("2 ratings left; nothing was rated in the last 24 hours, so no forecast.", idle.NoForecastReason);

        for (var ratings = 1; ratings < 500; ratings += 37)
        {
            Assert.True(TurnaroundRules.Summarize(examples, 24, 2, now.AddMinutes(-1), ratings, now).Forecast > now);
        }
    }

    [Fact]
    public void Weeks_start_on_monday_utc()
    {
        Assert.Equal(new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc), WeeklyLimit.WeekStart(new DateTime(2026, 11, 29, 23, 59, 0, DateTimeKind.Utc)));
        Assert.Equal(new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc), WeeklyLimit.WeekStart(new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Weekly_limit_allows_until_the_hours_are_used()
    {
        Assert.True(WeeklyLimit.Allows(TimeSpan.FromHours(9.9), 10));
        Assert.False(WeeklyLimit.Allows(TimeSpan.FromHours(10), 10));
        Assert.True(WeeklyLimit.Allows(TimeSpan.FromHours(100), null));
    }
}
