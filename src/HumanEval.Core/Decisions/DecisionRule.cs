namespace HumanEval.Core.Decisions;

/// <summary>
/// When a comparison may be called. Defaults: Ship when P(Δ_overall &gt; 0) ≥ 0.95, expected loss &lt; 0.05 points,
/// each version has the planned number of examples, 72 hours have passed since the candidate's first rating, and no
/// binary criterion is likely worse (P ≥ 0.80 vetoes: "do not promote"). Keep baseline when P ≤ 0.05 under the same
/// evidence. Equivalent when the 95% interval lies inside ±0.2. Otherwise Not yet. The planned number and the loss
/// condition are the guard against peeking (stopping the first time P crosses 0.95 inflates false wins).
/// </summary>
public sealed record DecisionRule
{
    public static DecisionRule Default { get; } = new();

    /// <summary>The planned examples per version a lead may set; the form reads it.</summary>
    public static readonly Campaigns.SettingRange PlannedRange = new(2, 1_000_000);

    /// <summary>The hours before a call a lead may set (up to 90 days); the form reads it.</summary>
    public static readonly Campaigns.SettingRange HoursRange = new(0, 24 * 90);

    public double ShipProbability { get; init; } = 0.95;

    public double MaxExpectedLoss { get; init; } = 0.05;

    /// <summary>Examples (paired: pairs) each version needs before a call; null: the planner's number for <see cref="MinimumEffect"/>.</summary>
    public int? PlannedExamplesPerVersion { get; init; }

    /// <summary>The smallest difference worth detecting, in points, for the planner (80% power, two-sided 5%).</summary>
    public double MinimumEffect { get; init; } = 0.2;

    public double Power { get; init; } = 0.8;

    public double Alpha { get; init; } = 0.05;

    /// <summary>The SD of per-example overall scores the planner assumes before there are ratings.</summary>
    public double AssumedSd { get; init; } = 1.0;

    /// <summary>Hours since the candidate's first rating before a call (the canary rule); 0 turns it off.</summary>
    public double MinHours { get; init; } = 72;

    public double SafetyVetoProbability { get; init; } = 0.80;

    public double EquivalenceMargin { get; init; } = 0.2;

    /// <summary>Problems with the rule's numbers; allowed when every one is in range.</summary>
    public RuleResult Validate()
    {
        var problems = new List<string>();
        if (ShipProbability is <= 0.5 or >= 1)
        {
            problems.Add("The probability to ship must be above 0.5 and below 1 (default 0.95).");
        }

        if (MaxExpectedLoss is <= 0 or > 5)
        {
            problems.Add("The largest expected loss must be above 0 and at most 5 points (default 0.05).");
        }

        if (PlannedExamplesPerVersion is { } planned && !PlannedRange.Contains(planned))
        {
            problems.Add("The planned examples per version must be between 2 and 1,000,000 (or empty for the planner's number).");
        }

        if (MinimumEffect is <= 0 or > 10)
        {
            problems.Add("The smallest difference worth detecting must be above 0 and at most 10 points (default 0.2).");
        }

        if (Power is <= 0.5 or >= 1 || Alpha is <= 0 or >= 0.5)
        {
            problems.Add("Power must be above 0.5 and below 1, and alpha above 0 and below 0.5.");
        }

        if (AssumedSd is <= 0 or > 10)
        {
            problems.Add("The assumed SD must be above 0 and at most 10 points.");
        }

        if (MinHours < HoursRange.Min || MinHours > HoursRange.Max)
        {
            problems.Add("The hours before a call must be between 0 and 2,160 (default 72).");
        }

        if (SafetyVetoProbability is <= 0.5 or >= 1)
        {
            problems.Add("The safety veto probability must be above 0.5 and below 1 (default 0.80).");
        }

        if (EquivalenceMargin is < 0 or > 5)
        {
            problems.Add("The equivalence margin must be between 0 and 5 points (default 0.2).");
        }

        return RuleResult.Refused(problems);
    }
}
