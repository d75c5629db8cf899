namespace HumanEval.Core.Decisions;

/// <summary>
/// How many more examples a comparison needs: <paramref name="PerVersion"/> is the planned number per version (paired:
/// pairs), <paramref name="Have"/> what the smaller version has, <paramref name="MorePerVersion"/> the difference;
/// <paramref name="Cost"/> = more × 2 versions × k × cost per rating; <paramref name="Hours"/> = the same ratings at
/// the recent rating rate. <paramref name="Sd"/> is the SD the number was computed from (<paramref name="SdObserved"/>
/// false: the rule's assumed SD, before there were ratings); <paramref name="Planned"/>: the number is the campaign's
/// planned one, not the planner's. <paramref name="Pairs"/>: a pairwise campaign, where one example (a pair) holds both
/// versions, so the numbers count pairs and the cost is more × k × cost per rating.
/// </summary>
public sealed record Plan(double Sd, bool SdObserved, double Effect, int PerVersion, int Have, int MorePerVersion, double RatingsPerExample, decimal? Cost, double? Hours, bool Planned = false, bool Pairs = false);

/// <summary>Sample sizes for comparing two versions (normal approximation, two-sided test).</summary>
public static class Planner
{
    /// <summary>
    /// Examples per version to detect a difference of <paramref name="effect"/> points at the given power and two-sided
    /// alpha: unpaired n = ⌈2 (z₁₋α/₂ + z_power)² σ² / Δ²⌉ with σ the SD of per-example scores; paired
    /// n = ⌈(z₁₋α/₂ + z_power)² σ_d² / Δ²⌉ with σ_d the SD of per-pair differences. σ = 1, Δ = 0.2, 80%, 5%: 393 unpaired.
    /// </summary>
    public static int ExamplesPerVersion(double sd, double effect, double power = 0.8, double alpha = 0.05, bool paired = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(effect);
        ArgumentOutOfRangeException.ThrowIfNegative(sd);
        var z = Distributions.NormalQuantile(1 - (alpha / 2)) + Distributions.NormalQuantile(power);
        var n = (paired ? 1 : 2) * z * z * sd * sd / (effect * effect);
        return Math.Max(2, (int)Math.Ceiling(n - 1e-9));
    }

    /// <summary>Half-width of the 95% normal interval of a proportion p from n examples: z √(p(1 − p)/n). 400 at p = 0.5: ±0.049.</summary>
    public static double ProportionMargin(int n, double p = 0.5, double z = Distributions.Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        return z * Math.Sqrt(p * (1 - p) / n);
    }

    /// <summary>Examples needed for a ±<paramref name="margin"/> 95% interval of a proportion near p: ⌈z² p(1 − p) / margin²⌉.</summary>
    public static int ExamplesForMargin(double margin, double p = 0.5, double z = Distributions.Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(margin);
        return (int)Math.Ceiling((z * z * p * (1 - p) / (margin * margin)) - 1e-9);
    }

    /// <summary>The plan of a comparison: the planned number (the rule's, or the planner's for its minimum effect), what is missing, and its price.</summary>
    public static Plan For(DecisionRule rule, double? observedSd, bool paired, int have, double ratingsPerExample, decimal? costPerRating, double? ratingsPerHour)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var sd = observedSd is { } s && double.IsFinite(s) && s > 0 ? s : rule.AssumedSd;
        var perVersion = rule.PlannedExamplesPerVersion ?? ExamplesPerVersion(sd, rule.MinimumEffect, rule.Power, rule.Alpha, paired);
        var more = Math.Max(0, perVersion - have);
        var (cost, hours) = Price(more * 2 * ratingsPerExample, costPerRating, ratingsPerHour);
        return new Plan(sd, observedSd is > 0, rule.MinimumEffect, perVersion, have, more, ratingsPerExample, cost, hours, rule.PlannedExamplesPerVersion is not null);
    }

    /// <summary>The recent rating rate for the plan's hours: ratings over the hours between the first and the last (at least one hour); null with fewer than two ratings.</summary>
    public static double? RatingsPerHour(int ratings, DateTime first, DateTime last) =>
        ratings > 1 ? ratings / Math.Max(1, (last - first).TotalHours) : null;

    /// <summary>The money (at the mean cost per rating) and hours (at the recent rating rate) of this many more ratings; null where unknown.</summary>
    public static (decimal? Cost, double? Hours) Price(double ratings, decimal? costPerRating, double? ratingsPerHour) =>
        (costPerRating is { } c ? Math.Round(c * (decimal)ratings, 2) : null, ratingsPerHour is > 0 ? ratings / ratingsPerHour.Value : null);
}
