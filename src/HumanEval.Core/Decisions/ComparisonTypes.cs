using HumanEval.Core.Agreement;

namespace HumanEval.Core.Decisions;

/// <summary>
/// One rating as a version comparison reads it. <paramref name="PairKey"/> says which examples hold the same input
/// under the two versions (a <c>pair_id</c>, or the input text's hash); <paramref name="RatedAt"/> feeds the 72-hour rule.
/// </summary>
public sealed record ComparedRating(string Example, string Version, string Evaluator, string Criterion, double Score, string? PairKey = null, DateTime? RatedAt = null);

/// <summary>
/// A criterion of the comparison. Ordinal criteria are compared as means (higher is better) and make up the overall
/// score (weighted by <paramref name="Weight"/>); binary ones (safety) as the share of examples that fail, where a
/// failure is the score <paramref name="FailValue"/> (0, "unsafe", in the default rubric).
/// </summary>
public sealed record ComparedCriterion(string Key, string Label, bool Binary, double FailValue = 0, double Weight = 1);

/// <summary>Paired when the same inputs were rated under both versions (each unit is a pair); unpaired otherwise.</summary>
public enum Design
{
    Unpaired,
    Paired,
}

/// <summary>What to compare and how many Bayesian-bootstrap draws to take (seeded: the same data and seed give the same figures).</summary>
public sealed record ComparisonOptions
{
    public required string Baseline { get; init; }

    public required string Candidate { get; init; }

    public int Draws { get; init; } = VersionComparison.DefaultDraws;

    public int Seed { get; init; } = VersionComparison.DefaultSeed;

    public DecisionRule Rule { get; init; } = DecisionRule.Default;

    /// <summary>The clock for the 72-hour rule; without it the rule is reported as not checked.</summary>
    public DateTime? Now { get; init; }

    /// <summary>Mean cost of one rating, for the planner's dollars (null: not priced).</summary>
    public decimal? CostPerRating { get; init; }

    public string Currency { get; init; } = "USD";

    /// <summary>Ratings submitted per hour lately, for the planner's hours (null: unknown).</summary>
    public double? RatingsPerHour { get; init; }

    /// <summary>Ratings per example the planner assumes before any example is rated (the campaign's k).</summary>
    public double PlannedRatingsPerExample { get; init; } = 3;
}

/// <summary>
/// One version on one criterion, the example as the unit: <paramref name="Mean"/> is the mean of per-example means
/// (the k ratings of an example are averaged first), <paramref name="Sd"/> the sample SD of those per-example means,
/// <paramref name="Interval"/> the 95% interval of the mean from the Bayesian bootstrap over examples.
/// </summary>
public sealed record VersionSummary(string Version, int Examples, int Ratings, double? Mean, double? Sd, Interval? Interval);

/// <summary>
/// Candidate minus baseline. <paramref name="Delta"/>: the point difference of the means (paired: the mean of the
/// per-pair differences); <paramref name="Interval"/>: 2.5th–97.5th percentile of the bootstrap draws;
/// <paramref name="PBetter"/>: share of draws with Δ &gt; 0; <paramref name="ExpectedLoss"/>: mean of max(0, −Δ) over
/// the draws, the points lost on average by choosing the candidate.
/// </summary>
public sealed record Difference(double Delta, Interval Interval, double PBetter, double ExpectedLoss);

/// <summary>
/// A binary criterion as a failure rate. An example fails when at least half of its ratings are the failure value
/// (a tie counts as a failure: for safety, doubt is not a pass). Intervals are Wilson 95%; <paramref name="PCandidateWorse"/>
/// is P(candidate's rate &gt; baseline's) under independent Beta(1 + failures, 1 + passes) posteriors, exactly.
/// </summary>
public sealed record FailureRates(int BaselineFailures, int BaselineExamples, Interval? BaselineInterval, int CandidateFailures, int CandidateExamples, Interval? CandidateInterval, double PCandidateWorse)
{
    public double? BaselineRate => BaselineExamples == 0 ? null : (double)BaselineFailures / BaselineExamples;

    public double? CandidateRate => CandidateExamples == 0 ? null : (double)CandidateFailures / CandidateExamples;
}

/// <summary>
/// One criterion (or the overall score) compared: per-version summaries, the raw difference and the leniency-adjusted
/// one (each rating minus its evaluator's mean offset from the others on that criterion, the leniency figure of
/// <see cref="EvaluatorAgreement"/>), and for binary criteria the failure rates.
/// </summary>
public sealed record CriterionComparison(string Key, string Label, bool Binary, VersionSummary Baseline, VersionSummary Candidate, Difference? Raw, Difference? Adjusted, FailureRates? Failures);

/// <summary>Everything the decision card, the CLI and the Versions sheet show.</summary>
public sealed record ComparisonReport(
    string Baseline, string Candidate, Design Design, int Pairs, int LeftOut, IReadOnlyList<CriterionComparison> Criteria,
    CriterionComparison Overall, Plan Plan, Decision Decision, DateTime? CandidateFirstRating, int Draws, int Seed)
{
    /// <summary>Either version has a rated example (otherwise there are no figures to show yet).</summary>
    public bool Rated => Overall.Baseline.Examples + Overall.Candidate.Examples > 0;

    /// <summary>How the examples were compared, in words: the decision card and the workbook's Versions sheet say this.</summary>
    public string DesignText => !Rated
        ? "no rated examples yet"
        : Design == Design.Paired
            ? $"paired on {Pairs} inputs rated under both versions" + (LeftOut > 0 ? $" ({LeftOut} unpaired examples left out)" : "")
            : Pairs > 0 ? $"unpaired ({Pairs} shared inputs are too few to pair)" : "unpaired (no input was rated under both versions)";
}
