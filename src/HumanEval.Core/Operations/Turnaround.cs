namespace HumanEval.Core.Operations;

/// <summary>Where one example stands against the turnaround target (import to its k-th rating).</summary>
public enum TurnaroundStatus
{
    /// <summary>Complete within the target.</summary>
    OnTime,

    /// <summary>Complete, but after the target.</summary>
    Late,

    /// <summary>Not complete and within the first 75% of the target.</summary>
    OnTrack,

    /// <summary>Not complete and past 75% of the target.</summary>
    AtRisk,

    /// <summary>Not complete and past the target.</summary>
    Breached,
}

public sealed record TurnaroundSummary(
    int Examples,
    int Complete,
    double? P50Hours,
    double? P90Hours,
    int TargetHours,
    int OnTime,
    int Late,
    int OnTrack,
    int AtRisk,
    int Breached,
    double RatingsPerHour,
    int RemainingRatings,
    DateTime? Forecast,
    int UnfillableRatings = 0)
{
    /// <summary>Why there is no forecast, in the words the overview, the turnaround tab and the workbook share (null when there is one).</summary>
    public string? NoForecastReason => Forecast is not null ? null
        : RemainingRatings == 0 ? "All ratings are in."
        : UnfillableRatings > 0 ? $"{UnfillableRatings} of {RemainingRatings} remaining ratings cannot be given by anyone on the roster now, so no forecast: see why under Progress."
        : $"{RemainingRatings} ratings left; nothing was rated in the last 24 hours, so no forecast.";
}

/// <summary>Turnaround arithmetic, pure and clock-free: durations, status against the target, and a completion forecast.</summary>
public static class TurnaroundRules
{
    /// <summary>The share of the target after which an open example is at risk.</summary>
    public const double AtRiskFraction = 0.75;

    /// <summary>The window over which the current rating rate is measured.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromHours(24);

    public static TurnaroundStatus StatusOf(DateTime importedAt, DateTime? completedAt, int targetHours, DateTime now)
    {
        var target = TimeSpan.FromHours(targetHours);
        if (completedAt is { } done)
        {
            return done - importedAt <= target ? TurnaroundStatus.OnTime : TurnaroundStatus.Late;
        }

        var age = now - importedAt;
        return age > target ? TurnaroundStatus.Breached
            : age >= target * AtRiskFraction ? TurnaroundStatus.AtRisk
            : TurnaroundStatus.OnTrack;
    }

    /// <summary>
    /// When the remaining ratings will be in at the current rate: ratings submitted in the last 24 hours (or since the
    /// first rating, when that is more recent) per hour. Null when nothing is left or nothing is being rated.
    /// </summary>
    public static DateTime? Forecast(int remainingRatings, int ratingsInWindow, TimeSpan window, DateTime now)
    {
        if (remainingRatings <= 0 || ratingsInWindow <= 0 || window <= TimeSpan.Zero)
        {
            return null;
        }

        var perHour = ratingsInWindow / window.TotalHours;
        return now.AddHours(remainingRatings / perHour);
    }

    /// <summary>
    /// Summarises (imported at, completed at) per example against the target; <paramref name="firstRatingAt"/> (null:
    /// none yet) and <paramref name="ratingsInLastDay"/> (ratings in the 24 hours before now) give the current rate.
    /// <paramref name="unfillableRatings"/> are remaining ratings that nobody on the roster can give (see
    /// <c>AssignmentPolicy.WhyWaiting</c>): while there are any, the campaign cannot finish at any rate and there is no forecast.
    /// </summary>
    public static TurnaroundSummary Summarize(IReadOnlyCollection<(DateTime ImportedAt, DateTime? CompletedAt)> examples, int targetHours, int remainingRatings, DateTime? firstRatingAt, int ratingsInLastDay, DateTime now, int unfillableRatings = 0)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var statuses = examples.Select(e => StatusOf(e.ImportedAt, e.CompletedAt, targetHours, now)).ToList();
        var hours = examples.Where(e => e.CompletedAt is not null).Select(e => (e.CompletedAt!.Value - e.ImportedAt).TotalHours).ToList();
        var window = firstRatingAt is { } first && now - first < RateWindow ? now - first : RateWindow;
        var perHour = window > TimeSpan.Zero ? ratingsInLastDay / window.TotalHours : 0;
        return new TurnaroundSummary(
            examples.Count,
            hours.Count,
            Quantiles.Of(hours, 0.5),
            Quantiles.Of(hours, 0.9),
            targetHours,
            statuses.Count(s => s == TurnaroundStatus.OnTime),
            statuses.Count(s => s == TurnaroundStatus.Late),
            statuses.Count(s => s == TurnaroundStatus.OnTrack),
            statuses.Count(s => s == TurnaroundStatus.AtRisk),
            statuses.Count(s => s == TurnaroundStatus.Breached),
            perHour,
            remainingRatings,
            unfillableRatings > 0 ? null : Forecast(remainingRatings, ratingsInLastDay, window, now),
            unfillableRatings);
    }
}

/// <summary>The weekly hour limit of an evaluator: weeks start Monday 00:00 UTC; active time across all campaigns counts.</summary>
public static class WeeklyLimit
{
    public static DateTime WeekStart(DateTime utcNow) => utcNow.Date.AddDays(-(((int)utcNow.DayOfWeek + 6) % 7));

    /// <summary>True while the active time this week is below the limit (no limit: always).</summary>
    public static bool Allows(TimeSpan activeThisWeek, double? limitHours) =>
        limitHours is not { } hours || activeThisWeek < TimeSpan.FromHours(hours);
}
