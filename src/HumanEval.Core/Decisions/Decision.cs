using System.Globalization;

namespace HumanEval.Core.Decisions;

/// <summary>The outcome of a comparison under the rule (DESIGN's Decision; <see cref="DoNotPromote"/> is the safety veto).</summary>
public enum DecisionKind
{
    Ship,
    KeepBaseline,
    Equivalent,
    NotYet,
    DoNotPromote,
}

/// <summary>
/// A decision in words: <paramref name="Headline"/> is the card's sentence; <paramref name="Missing"/> the conditions
/// still missing for a call (empty when called); <paramref name="ReadyAt"/> when the 72-hour rule is met (null: met,
/// off or not checked); <paramref name="TimeRule"/> says which.
/// </summary>
public sealed record Decision(DecisionKind Kind, string Headline, IReadOnlyList<string> Missing, DateTime? ReadyAt, string TimeRule);

/// <summary>Applies a <see cref="DecisionRule"/> to the figures of a comparison.</summary>
public static class DecisionMaker
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Decision Decide(DecisionRule rule, string baseline, string candidate, Difference? overall, IReadOnlyList<CriterionComparison> criteria,
        Plan plan, DateTime? candidateFirstRating, DateTime? now, string currency = "USD")
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(plan);

        // The safety veto comes first and needs no other evidence: a likely-less-safe candidate is never promoted.
        var veto = criteria.Where(c => c.Failures is { } f && f.PCandidateWorse >= rule.SafetyVetoProbability)
            .OrderByDescending(c => c.Failures!.PCandidateWorse).FirstOrDefault();
        if (veto is { Failures: { } vf })
        {
            return new Decision(DecisionKind.DoNotPromote,
                $"Do not promote {candidate}: {veto.Label.ToLowerInvariant()} is likely worse (P {F2(vf.PCandidateWorse)} ≥ {F2(rule.SafetyVetoProbability)}; failing {Pct(vf.CandidateRate)} of examples vs {Pct(vf.BaselineRate)} for {baseline})",
                [], null, "");
        }

        var missing = new List<string>();
        if (plan.MorePerVersion > 0)
        {
            var price = new List<string>();
            if (plan.Cost is { } cost)
            {
                price.Add($"≈ {cost.ToString("#,0", Inv)} {currency}");
            }

            if (plan.Hours is { } hours)
            {
                price.Add($"≈ {Math.Ceiling(hours).ToString("#,0", Inv)} h");
            }

            missing.Add((plan.Pairs
                    ? $"{plan.MorePerVersion.ToString("#,0", Inv)} more pair{(plan.MorePerVersion == 1 ? "" : "s")} (planned {plan.PerVersion.ToString("#,0", Inv)})"
                    : $"{plan.MorePerVersion.ToString("#,0", Inv)} more example{(plan.MorePerVersion == 1 ? "" : "s")} per version (planned {plan.PerVersion.ToString("#,0", Inv)})") +
                (price.Count > 0 ? $", {string.Join(" and ", price)}" : ""));
        }

        DateTime? readyAt = null;
        string timeRule;
        if (rule.MinHours <= 0)
        {
            timeRule = "time rule off";
        }
        else if (candidateFirstRating is not { } first || now is not { } clock)
        {
            timeRule = $"{Hours(rule.MinHours)} rule not checked (no rating times)";
        }
        else if ((clock - first).TotalHours >= rule.MinHours)
        {
            timeRule = $"{Hours(rule.MinHours)} passed";
        }
        else
        {
            readyAt = first.AddHours(rule.MinHours);
            timeRule = $"{Hours(rule.MinHours)} pass on {readyAt.Value.ToString("ddd d MMM HH:mm", Inv)} UTC";
            missing.Add(timeRule);
        }

        if (overall is null)
        {
            missing.Insert(0, "no overall score yet: every version needs rated examples on an ordinal criterion");
            return new Decision(DecisionKind.NotYet, "Not yet: " + string.Join("; ", missing), missing, readyAt, timeRule);
        }

        var figures = $"P(better) {F2(overall.PBetter)}, {Signed(overall.Delta)} points [{F2(overall.Interval.Low)}, {F2(overall.Interval.High)}], expected loss {F3(overall.ExpectedLoss)}";
        var evidence = missing.Count == 0;
        var safety = SafetyText(criteria);
        if (evidence && overall.PBetter >= rule.ShipProbability && overall.ExpectedLoss < rule.MaxExpectedLoss)
        {
            return new Decision(DecisionKind.Ship, $"Ship {candidate}: {figures}; {timeRule}; {safety}", [], null, timeRule);
        }

        if (evidence && overall.PBetter <= 1 - rule.ShipProbability)
        {
            return new Decision(DecisionKind.KeepBaseline, $"Keep {baseline}: {candidate} is likely worse: {figures}; {timeRule}", [], null, timeRule);
        }

        if (evidence && overall.Interval.Low >= -rule.EquivalenceMargin && overall.Interval.High <= rule.EquivalenceMargin)
        {
            return new Decision(DecisionKind.Equivalent,
                $"Equivalent: {candidate} and {baseline} differ by {Signed(overall.Delta)} points [{F2(overall.Interval.Low)}, {F2(overall.Interval.High)}], inside ±{F2(rule.EquivalenceMargin)}; {safety}",
                [], null, timeRule);
        }

        if (overall.PBetter >= rule.ShipProbability && overall.ExpectedLoss >= rule.MaxExpectedLoss)
        {
            missing.Add($"expected loss {F3(overall.ExpectedLoss)} is not below {F3(rule.MaxExpectedLoss)}");
        }
        else if (overall.PBetter < rule.ShipProbability && overall.PBetter > 1 - rule.ShipProbability)
        {
            missing.Add($"P(better) {F2(overall.PBetter)} is neither ≥ {F2(rule.ShipProbability)} nor ≤ {F2(1 - rule.ShipProbability)}");
        }

        return new Decision(DecisionKind.NotYet, $"Not yet: {string.Join("; ", missing)} (now {figures})", missing, readyAt, timeRule);
    }

    private static string SafetyText(IReadOnlyList<CriterionComparison> criteria)
    {
        var binary = criteria.Where(c => c.Failures is not null).ToList();
        if (binary.Count == 0)
        {
            return "no pass/fail criterion";
        }

        if (binary.All(c => c.Failures!.BaselineFailures == 0 && c.Failures.CandidateFailures == 0))
        {
            return binary.Count == 1 ? $"no {binary[0].Label.ToLowerInvariant()} failure in either version" : "no pass/fail failure in either version";
        }

        var worst = binary.MaxBy(c => c.Failures!.PCandidateWorse)!;
        return binary.Count == 1
            ? $"{worst.Label.ToLowerInvariant()} not worse (P(worse) {F2(worst.Failures!.PCandidateWorse)})"
            : $"pass/fail criteria not worse (highest P(worse) {F2(worst.Failures!.PCandidateWorse)}, {worst.Label.ToLowerInvariant()})";
    }

    private static string Hours(double h) => $"{h.ToString("0.#", Inv)} h";

    internal static string F2(double v) => v.ToString("0.00;−0.00", Inv);

    internal static string F3(double v) => v.ToString("0.000", Inv);

    internal static string Signed(double v) => (v >= 0 ? "+" : "−") + Math.Abs(v).ToString("0.00", Inv);

    private static string Pct(double? v) => v is { } x ? x.ToString("0.#%", Inv) : "–";
}
