using HumanEval.Core.Agreement;

namespace HumanEval.Core.Decisions;

/// <summary>
/// "Is the candidate better than the baseline, by how much, how sure are we?" — per criterion and for the overall
/// score, with the example as the unit.
/// <list type="number">
/// <item>Each example's score on a criterion is the mean of its k ratings; raw, and leniency-adjusted (each rating minus
/// its evaluator's mean offset from the other raters of the same examples on that criterion, computed over both
/// versions: <see cref="EvaluatorAgreement"/>'s leniency figure). The overall score of an example is the weighted mean
/// of its ordinal criteria.</item>
/// <item>Paired design when at least two inputs, and at least half of each version's examples, were rated under both
/// versions (same pair key): the unit is the pair and Δ the mean of per-pair differences. Otherwise unpaired.</item>
/// <item>Uncertainty from the Bayesian bootstrap (Rubin 1981): each draw gives every unit a weight from Dirichlet(1, …, 1)
/// (independent Exp(1) variables, normalised), separately per version when unpaired and shared when paired; the draw's
/// estimate is the weighted mean. Every criterion uses the same weights in a draw. Draw d uses its own SplitMix64
/// stream seeded from (seed, d), so the figures do not depend on threads.</item>
/// </list>
/// Duplicating every rating leaves every per-example mean, and so every figure, unchanged.
/// </summary>
public static class VersionComparison
{
    public const int DefaultDraws = 4000;
    public const int DefaultSeed = 1;

    /// <summary>The overall score's key in <see cref="ComparisonReport.Overall"/>.</summary>
    public const string OverallKey = "overall";

    public static ComparisonReport Compare(IEnumerable<ComparedRating> ratings, IReadOnlyList<ComparedCriterion> criteria, ComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Baseline == options.Candidate)
        {
            throw new ArgumentException("the baseline and the candidate must be different versions", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.Draws, 100);
        var data = ExampleScores.Build(ratings, criteria, options.Baseline, options.Candidate);
        var units = Units.Of(data);
        var draws = Draw(units, options.Draws, options.Seed);

        var results = new List<CriterionComparison>();
        for (var m = 0; m < data.Measures; m++)
        {
            var isOverall = m == criteria.Count;
            var key = isOverall ? OverallKey : criteria[m].Key;
            var label = isOverall ? "Overall" : criteria[m].Label;
            var binary = !isOverall && criteria[m].Binary;
            var baseline = Summary(options.Baseline, units.Baseline, m, data.RatingCount(m, units.BaselineExamples), draws.BaselineMeans[m]);
            var candidate = Summary(options.Candidate, units.Candidate, m, data.RatingCount(m, units.CandidateExamples), draws.CandidateMeans[m]);
            var raw = DifferenceOf(units, m, adjusted: false, draws.Deltas[m]);
            var adj = DifferenceOf(units, m, adjusted: true, draws.AdjustedDeltas[m]);
            results.Add(new CriterionComparison(key, label, binary, baseline, candidate, raw, adj, binary ? Failures(data, m, units) : null));
        }

        var overall = results[^1];
        var perCriterion = results.Take(criteria.Count).ToList();
        var have = units.Design == Design.Paired ? units.Pairs : Math.Min(overall.Baseline.Examples, overall.Candidate.Examples);
        var perExample = data.RatingsPerExample() is > 0 and var observed ? observed : options.PlannedRatingsPerExample;
        var plan = Planner.For(options.Rule, ObservedSd(units), units.Design == Design.Paired, have, perExample, options.CostPerRating, options.RatingsPerHour);
        var decision = DecisionMaker.Decide(options.Rule, options.Baseline, options.Candidate, overall.Raw, perCriterion, plan, data.CandidateFirstRating, options.Now, options.Currency);
        return new ComparisonReport(options.Baseline, options.Candidate, units.Design, units.Pairs, units.LeftOut, perCriterion, overall, plan, decision,
            data.CandidateFirstRating, options.Draws, options.Seed);
    }

    private static VersionSummary Summary(string version, UnitValues values, int m, int ratings, double[] draws)
    {
        var present = values.Raw[m].Where(double.IsFinite).ToList();
        if (present.Count == 0)
        {
            return new VersionSummary(version, 0, ratings, null, null, null);
        }

        return new VersionSummary(version, present.Count, ratings, present.Average(), Sd(values.Raw[m]), Bootstrap.Percentile(draws.Where(double.IsFinite).ToList()));
    }

    private static Difference? DifferenceOf(Units units, int m, bool adjusted, double[] draws)
    {
        double delta;
        if (units.Design == Design.Paired)
        {
            var d = adjusted ? units.AdjustedDifferences[m] : units.Differences[m];
            var present = d.Where(double.IsFinite).ToList();
            if (present.Count == 0)
            {
                return null;
            }

            delta = present.Average();
        }
        else
        {
            var b = (adjusted ? units.Baseline.Adjusted : units.Baseline.Raw)[m].Where(double.IsFinite).ToList();
            var c = (adjusted ? units.Candidate.Adjusted : units.Candidate.Raw)[m].Where(double.IsFinite).ToList();
            if (b.Count == 0 || c.Count == 0)
            {
                return null;
            }

            delta = c.Average() - b.Average();
        }

        var finite = draws.Where(double.IsFinite).ToList();
        if (finite.Count == 0)
        {
            return null;
        }

        var better = finite.Count(x => x > 0) / (double)finite.Count;
        var loss = finite.Sum(x => Math.Max(0, -x)) / finite.Count;
        return new Difference(delta, Bootstrap.Percentile(finite)!, better, loss);
    }

    private static FailureRates Failures(ExampleScores data, int m, Units units)
    {
        var (xb, nb) = data.FailureCount(m, units.BaselineExamples);
        var (xc, nc) = data.FailureCount(m, units.CandidateExamples);
        var worse = Distributions.ProbabilityGreater(1 + xc, 1 + nc - xc, 1 + xb, 1 + nb - xb);
        return new FailureRates(xb, nb, Distributions.Wilson(xb, nb), xc, nc, Distributions.Wilson(xc, nc), worse);
    }

    /// <summary>The SD behind the planner: of per-pair overall differences when paired, else the pooled SD of per-example overall scores.</summary>
    private static double? ObservedSd(Units units)
    {
        var m = units.Baseline.Raw.Length - 1;
        if (units.Design == Design.Paired)
        {
            return Sd(units.Differences[m]);
        }

        var (b, c) = (Sd(units.Baseline.Raw[m]), Sd(units.Candidate.Raw[m]));
        return b is { } x && c is { } y ? Math.Sqrt(((x * x) + (y * y)) / 2) : b ?? c;
    }

    private static double? Sd(double[] values)
    {
        var present = values.Where(double.IsFinite).ToList();
        if (present.Count < 2)
        {
            return null;
        }

        var mean = present.Average();
        return Math.Sqrt(present.Sum(v => (v - mean) * (v - mean)) / (present.Count - 1));
    }

    private sealed record DrawResults(double[][] BaselineMeans, double[][] CandidateMeans, double[][] Deltas, double[][] AdjustedDeltas);

    private static DrawResults Draw(Units units, int draws, int seed)
    {
        var measures = units.Baseline.Raw.Length;
        double[][] Make() => Enumerable.Range(0, measures).Select(_ => new double[draws]).ToArray();
        var result = new DrawResults(Make(), Make(), Make(), Make());
        var paired = units.Design == Design.Paired;
        var nb = units.Baseline.Count;
        var nc = units.Candidate.Count;
        Dense[] Of(double[][] values) => values.Select(v => new Dense(v)).ToArray();
        var (baseRaw, candRaw, baseAdj, candAdj) = (Of(units.Baseline.Raw), Of(units.Candidate.Raw), Of(units.Baseline.Adjusted), Of(units.Candidate.Adjusted));
        var (diff, diffAdj) = paired ? (Of(units.Differences), Of(units.AdjustedDifferences)) : ([], []);
        Parallel.For(0, draws, () => (B: new double[nb], C: new double[nc]), (d, _, w) =>
        {
            var rng = new SplitMix64(seed, d);
            rng.FillExponential(w.B);
            if (paired)
            {
                w.B.CopyTo(w.C, 0);
            }
            else
            {
                rng.FillExponential(w.C);
            }

            var (sumB, sumC) = (Dense.Sum(w.B), Dense.Sum(w.C));
            for (var m = 0; m < measures; m++)
            {
                var mb = baseRaw[m].Mean(w.B, sumB);
                var mc = candRaw[m].Mean(w.C, sumC);
                result.BaselineMeans[m][d] = mb;
                result.CandidateMeans[m][d] = mc;
                if (paired)
                {
                    result.Deltas[m][d] = diff[m].Mean(w.B, sumB);
                    result.AdjustedDeltas[m][d] = diffAdj[m].Mean(w.B, sumB);
                }
                else
                {
                    result.Deltas[m][d] = mc - mb;
                    result.AdjustedDeltas[m][d] = candAdj[m].Mean(w.C, sumC) - baseAdj[m].Mean(w.B, sumB);
                }
            }

            return w;
        }, _ => { });
        return result;
    }
}
