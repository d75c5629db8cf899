namespace HumanEval.Core.Agreement;

/// <summary>Which judge–human agreement the 85% target reads.</summary>
public enum JudgeMetric
{
    /// <summary>The judge's score equals the human's (the default for binary criteria such as safety).</summary>
    Exact,

    /// <summary>The judge's score is within one point of the human's (the default for ordinal 1–5 criteria, where exact agreement is rare even between humans).</summary>
    WithinOne,
}

public enum TargetVerdict
{
    NotEnoughData,

    /// <summary>At or above the target (with an interval: its whole 95% interval is).</summary>
    Meets,

    /// <summary>Below the target (with an interval: its whole 95% interval is).</summary>
    Below,

    /// <summary>The 95% interval contains the target: more examples are needed to say.</summary>
    Inconclusive,
}

public enum CeilingVerdict
{
    NotEnoughData,

    /// <summary>The judge is not worse than human–human agreement by more than the margin (with an interval: its lower end is above −margin).</summary>
    Matches,

    /// <summary>The judge is worse than the humans by more than the margin (with an interval: all of it).</summary>
    Below,

    /// <summary>The interval of the difference straddles −margin.</summary>
    Inconclusive,
}

/// <summary>
/// The judge against the target and against the human ceiling on one criterion. <see cref="Judge"/>: per example, the
/// share of its human ratings the judge agrees with (<see cref="Metric"/>), averaged over examples. <see cref="Human"/>:
/// per example the share of human rater pairs that agree, averaged over examples with two or more ratings (the
/// ceiling: how well people agree with each other). <see cref="Difference"/>: mean over examples that have both of
/// (judge share − human share), a paired difference, with a percentile bootstrap interval over examples.
/// </summary>
public sealed record JudgeVerdict(
    JudgeMetric Metric,
    double Target,
    double Margin,
    int Items,
    double? Judge,
    Interval? JudgeInterval,
    double? Human,
    int PairedItems,
    double? Difference,
    Interval? DifferenceInterval,
    TargetVerdict VsTarget,
    CeilingVerdict VsCeiling)
{
    public string MetricName => Metric == JudgeMetric.Exact ? "exact" : "within one";

    /// <summary>One line a lead can act on, e.g. "matches the human ceiling; below the 85% target on within one".</summary>
    public string Summary
    {
        get
        {
            var target = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Target:0%} target on {MetricName}");
            var ceiling = VsCeiling switch
            {
                CeilingVerdict.Matches => "matches the human ceiling",
                CeilingVerdict.Below => "below the human ceiling",
                CeilingVerdict.Inconclusive => "too few examples to compare with the human ceiling",
                _ => "no human–human overlap to compare with",
            };
            var vsTarget = VsTarget switch
            {
                TargetVerdict.Meets => $"meets the {target}",
                TargetVerdict.Below => $"below the {target}",
                TargetVerdict.Inconclusive => $"the {target} is inside the interval (not settled yet)",
                _ => "no examples with both a judge score and a human rating",
            };
            return $"{ceiling}; {vsTarget}";
        }
    }
}

/// <summary>The judge gate: metric by scale, the target and the human ceiling, each with its interval.</summary>
public static class JudgeGate
{
    public const double DefaultTarget = 0.85;

    /// <summary>How much worse than human–human agreement (in agreement share) still counts as matching the ceiling.</summary>
    public const double DefaultMargin = 0.05;

    /// <summary>Binary criteria read exact agreement; ordinal ones within one point.</summary>
    public static JudgeMetric DefaultMetric(bool binary) => binary ? JudgeMetric.Exact : JudgeMetric.WithinOne;

    /// <summary>For tables without a declared scale (the CLI's CSV): binary when every human and judge score is 0 or 1.</summary>
    public static bool LooksBinary(RatingTable table, IReadOnlyList<double?> judge)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(judge);
        for (var i = 0; i < table.ItemCount; i++)
        {
            foreach (var s in table.ScoresOf(i))
            {
                if (s is not (0 or 1))
                {
                    return false;
                }
            }
        }

        return judge.All(j => j is null or 0 or 1);
    }

    /// <summary>The verdict of one criterion: with <paramref name="intervals"/> it reads the 95% bootstrap intervals (over examples, seeded), without them the point estimates.</summary>
    public static JudgeVerdict Evaluate(RatingTable table, IReadOnlyList<double?> judge, JudgeMetric metric, double target = DefaultTarget, double margin = DefaultMargin,
        bool intervals = true, int draws = Bootstrap.DefaultDraws, int seed = Bootstrap.DefaultSeed)
    {
        var per = JudgeAgreement.PerItem(table, judge);
        var shares = per.Select(p => metric == JudgeMetric.Exact ? p.Exact : p.WithinOne).ToList();
        var human = PercentAgreement.Compute(table);
        var differences = new List<double>();
        foreach (var p in per)
        {
            var (exact, within) = PercentAgreement.ItemShares(table.ScoresOf(p.Index));
            if ((metric == JudgeMetric.Exact ? exact : within) is { } h)
            {
                differences.Add((metric == JudgeMetric.Exact ? p.Exact : p.WithinOne) - h);
            }
        }

        double? judgeMean = shares.Count == 0 ? null : shares.Average();
        double? difference = differences.Count == 0 ? null : differences.Average();
        var judgeCi = intervals ? Bootstrap.Mean(shares, draws, seed) : null;
        var differenceCi = intervals ? Bootstrap.Mean(differences, draws, seed) : null;

        var vsTarget = judgeMean is not { } j ? TargetVerdict.NotEnoughData
            : judgeCi is { } ci ? (ci.Low >= target ? TargetVerdict.Meets : ci.High < target ? TargetVerdict.Below : TargetVerdict.Inconclusive)
            : j >= target ? TargetVerdict.Meets : TargetVerdict.Below;
        var vsCeiling = difference is not { } d ? CeilingVerdict.NotEnoughData
            : differenceCi is { } dci ? (dci.Low >= -margin ? CeilingVerdict.Matches : dci.High < -margin ? CeilingVerdict.Below : CeilingVerdict.Inconclusive)
            : d >= -margin ? CeilingVerdict.Matches : CeilingVerdict.Below;
        return new JudgeVerdict(metric, target, margin, per.Count, judgeMean, judgeCi,
            metric == JudgeMetric.Exact ? human.Exact : human.WithinOne, differences.Count, difference, differenceCi, vsTarget, vsCeiling);
    }
}
