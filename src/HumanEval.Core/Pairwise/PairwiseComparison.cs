using HumanEval.Core.Agreement;
using HumanEval.Core.Decisions;

namespace HumanEval.Core.Pairwise;

/// <summary>
/// One pairwise rating on one criterion in the versions' terms (the shown order already undone with
/// <see cref="DisplayOrder.ToBScale"/>): <paramref name="Preference"/> −2 (A much better) … +2 (B much better);
/// <paramref name="BothUnacceptable"/> counts as a tie for the win rate (as FastChat's "tie (bothbad)") and apart;
/// <paramref name="AOnLeft"/>, when known, feeds the position-bias check.
/// </summary>
public sealed record PairwiseRating(string Example, string VersionA, string VersionB, string Evaluator, string Criterion, int Preference,
    bool BothUnacceptable = false, bool? AOnLeft = null, DateTime? RatedAt = null);

/// <summary>
/// A criterion (or the overall) compared pairwise, candidate against baseline. Pooled counts and their Beta posterior
/// (<see cref="WinRate"/>, the cross-check); with the example as the unit (each example's mean over its k raters,
/// Bayesian bootstrap over examples): the win rate (ties as half) with its 95% interval, P(candidate better) =
/// P(win rate &gt; 0.5), the expected loss in win rate, and the strength-weighted mean preference (−2 … +2, positive
/// favours the candidate) with its interval and P(&gt; 0).
/// </summary>
/// <paramref name="Alpha"/>: Krippendorff's ordinal alpha of the raters' preferences (−2 … +2, both unacceptable as 0)
/// on the examples with two or more ratings — how far raters agree on the direction and strength (null without data).
public sealed record PairwiseResult(
    string Key, string Label, WinRate Pooled, int BothUnacceptable, int Examples, int Ratings,
    double? WinRate, Interval? WinRateInterval, double PBetter, double ExpectedLoss, Difference? Preference, double? Alpha = null);

/// <summary>Everything a pairwise report, the CLI and the workbook show: per criterion, the overall, the decision, position bias.</summary>
public sealed record PairwiseReport(
    string Baseline, string Candidate, IReadOnlyList<PairwiseResult> Criteria, PairwiseResult Overall, Decision Decision, Plan Plan,
    PositionBias Position, IReadOnlyDictionary<string, PositionBias> PositionByEvaluator, DateTime? CandidateFirstRating, int Draws, int Seed);

/// <summary>
/// "Which of the two is better, and how sure are we?" for a pairwise campaign, with the same decision rule, card and
/// 72-hour rule as <see cref="VersionComparison"/>: the decision reads the overall mean preference (in points on the
/// −2 … +2 scale, so the rule's loss and margin keep their meaning), its P(&gt; 0) and expected loss. The overall of an
/// example is the mean of its criteria's mean preferences. Examples that do not pit exactly the baseline against the
/// candidate are left out.
/// </summary>
public static class PairwiseComparison
{
    public static PairwiseReport Compare(IEnumerable<PairwiseRating> ratings, IReadOnlyList<(string Key, string Label)> criteria, ComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Draws, 100);
        var (baseline, candidate) = (options.Baseline, options.Candidate);
        var criterionIndex = criteria.Select((c, i) => (c.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        var c = criteria.Count;

        // Per example (ordinal id order) and criterion: sums of candidate-scale preferences and win scores.
        var kept = new List<(string Example, string Evaluator, int Criterion, int Preference, bool Both, bool? CandidateOnLeft, DateTime? At)>();
        foreach (var r in ratings)
        {
            if (r.Preference is < -2 or > 2)
            {
                throw new ArgumentException($"example '{r.Example}': a preference lies between −2 and +2", nameof(ratings));
            }

            var candidateIsB = r.VersionB == candidate && r.VersionA == baseline;
            if (!(candidateIsB || (r.VersionA == candidate && r.VersionB == baseline)) || !criterionIndex.TryGetValue(r.Criterion, out var k))
            {
                continue;
            }

            kept.Add((r.Example, r.Evaluator, k, DisplayOrder.ToCandidateScale(r.Preference, candidateIsB), r.BothUnacceptable,
                r.AOnLeft is { } aLeft ? aLeft != candidateIsB : null, r.RatedAt));
        }

        var examples = kept.Select(x => x.Example).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var exampleIndex = examples.Select((e, i) => (e, i)).ToDictionary(x => x.e, x => x.i, StringComparer.Ordinal);
        var n = examples.Length;
        var prefSum = new double[c + 1][];
        var winSum = new double[c + 1][];
        var count = new int[c + 1][];
        for (var m = 0; m <= c; m++)
        {
            (prefSum[m], winSum[m], count[m]) = (new double[n], new double[n], new int[n]);
        }

        var pooled = new (int W, int L, int T, int Both, int Ratings)[c];
        foreach (var x in kept.OrderBy(x => x.Example, StringComparer.Ordinal).ThenBy(x => x.Evaluator, StringComparer.Ordinal).ThenBy(x => x.Criterion))
        {
            var e = exampleIndex[x.Example];
            var tie = x.Both || x.Preference == 0;
            prefSum[x.Criterion][e] += x.Both ? 0 : x.Preference;
            winSum[x.Criterion][e] += tie ? 0.5 : x.Preference > 0 ? 1 : 0;
            count[x.Criterion][e]++;
            var p = pooled[x.Criterion];
            pooled[x.Criterion] = (p.W + (!tie && x.Preference > 0 ? 1 : 0), p.L + (!tie && x.Preference < 0 ? 1 : 0), p.T + (tie ? 1 : 0), p.Both + (x.Both ? 1 : 0), p.Ratings + 1);
        }

        var pref = new double[c + 1][];
        var win = new double[c + 1][];
        for (var m = 0; m < c; m++)
        {
            pref[m] = Enumerable.Range(0, n).Select(e => count[m][e] == 0 ? double.NaN : prefSum[m][e] / count[m][e]).ToArray();
            win[m] = Enumerable.Range(0, n).Select(e => count[m][e] == 0 ? double.NaN : winSum[m][e] / count[m][e]).ToArray();
        }

        pref[c] = Enumerable.Range(0, n).Select(e => MeanOf(pref, c, e)).ToArray();
        win[c] = Enumerable.Range(0, n).Select(e => MeanOf(win, c, e)).ToArray();

        // Bayesian bootstrap over examples: the same Dirichlet weights for every criterion in a draw.
        var draws = options.Draws;
        var prefDraws = Enumerable.Range(0, c + 1).Select(_ => new double[draws]).ToArray();
        var winDraws = Enumerable.Range(0, c + 1).Select(_ => new double[draws]).ToArray();
        var densePref = pref.Select(v => new Dense(v)).ToArray();
        var denseWin = win.Select(v => new Dense(v)).ToArray();
        Parallel.For(0, draws, () => new double[n], (d, _, w) =>
        {
            var rng = new SplitMix64(options.Seed, d);
            rng.FillExponential(w);
            var total = Dense.Sum(w);
            for (var m = 0; m <= c; m++)
            {
                prefDraws[m][d] = densePref[m].Mean(w, total);
                winDraws[m][d] = denseWin[m].Mean(w, total);
            }

            return w;
        }, _ => { });

        // Agreement on the preference scale per criterion (the existing Krippendorff code, ordinal metric).
        var raters = kept.Select(x => x.Evaluator).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select((e, i) => (e, i))
            .ToDictionary(x => x.e, x => x.i, StringComparer.Ordinal);
        double? AlphaOf(int m) => Krippendorff.Compute(new RatingTable(examples, Math.Max(1, raters.Count),
            kept.Where(x => x.Criterion == m).Select(x => (exampleIndex[x.Example], raters[x.Evaluator], (double)(x.Both ? 0 : x.Preference))))).Ordinal;

        var results = new List<PairwiseResult>();
        for (var m = 0; m <= c; m++)
        {
            var overall = m == c;
            var counts = overall
                ? pooled.Aggregate((W: 0, L: 0, T: 0, Both: 0, Ratings: 0), (a, p) => (a.W + p.W, a.L + p.L, a.T + p.T, a.Both + p.Both, a.Ratings + p.Ratings))
                : pooled[m];
            var result = Result(overall ? VersionComparison.OverallKey : criteria[m].Key, overall ? "Overall" : criteria[m].Label,
                new WinRate(counts.W, counts.L, counts.T), counts.Both, counts.Ratings, pref[m], win[m], prefDraws[m], winDraws[m]);
            results.Add(overall ? result : result with { Alpha = AlphaOf(m) });
        }

        var overallResult = results[^1];
        var ratingsPerExample = n == 0 ? options.PlannedRatingsPerExample : kept.Select(x => (x.Example, x.Evaluator)).Distinct().Count() / (double)n;
        var plan = PlanFor(options, overallResult, ratingsPerExample);
        var first = kept.Where(x => x.At is not null).Select(x => x.At).Min();
        var decision = DecisionMaker.Decide(options.Rule, baseline, candidate, overallResult.Preference, [], plan, first, options.Now, options.Currency);
        var sides = kept.Where(x => x.CandidateOnLeft is not null && !x.Both && x.Preference != 0)
            .Select(x => (x.Evaluator, Left: (x.Preference > 0) == x.CandidateOnLeft!.Value)).ToList();
        var byEvaluator = sides.GroupBy(s => s.Evaluator, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => DisplayOrder.Bias(g.Count(s => s.Left), g.Count(s => !s.Left)), StringComparer.Ordinal);
        return new PairwiseReport(baseline, candidate, results.Take(c).ToList(), overallResult, decision, plan,
            DisplayOrder.Bias(sides.Count(s => s.Left), sides.Count(s => !s.Left)), byEvaluator, first, draws, options.Seed);
    }

    private static double MeanOf(double[][] values, int criteria, int e)
    {
        double sum = 0;
        var k = 0;
        for (var m = 0; m < criteria; m++)
        {
            if (!double.IsNaN(values[m][e]))
            {
                sum += values[m][e];
                k++;
            }
        }

        return k == 0 ? double.NaN : sum / k;
    }

    private static PairwiseResult Result(string key, string label, WinRate pooled, int both, int ratings, double[] pref, double[] win, double[] prefDraws, double[] winDraws)
    {
        var present = win.Where(v => !double.IsNaN(v)).ToList();
        var wins = winDraws.Where(double.IsFinite).ToList();
        var prefs = prefDraws.Where(double.IsFinite).ToList();
        if (present.Count == 0 || wins.Count == 0)
        {
            return new PairwiseResult(key, label, pooled, both, 0, ratings, null, null, 0.5, 0, null);
        }

        var pBetter = wins.Count(w => w > 0.5) / (double)wins.Count;
        var loss = wins.Sum(w => Math.Max(0, 0.5 - w)) / wins.Count;
        var meanPref = pref.Where(v => !double.IsNaN(v)).Average();
        var preference = new Difference(meanPref, Bootstrap.Percentile(prefs)!, prefs.Count(p => p > 0) / (double)prefs.Count, prefs.Sum(p => Math.Max(0, -p)) / prefs.Count);
        return new PairwiseResult(key, label, pooled, both, present.Count, ratings, present.Average(), Bootstrap.Percentile(wins), pBetter, loss, preference);
    }

    /// <summary>
    /// Examples needed: the rule's planned number, else the pairwise planner's non-tie comparisons for a 0.60 win rate
    /// (80% power, one-sided 5%) spread over each example's k ratings and the observed share of non-ties.
    /// </summary>
    private static Plan PlanFor(ComparisonOptions options, PairwiseResult overall, double ratingsPerExample)
    {
        var nonTie = overall.Pooled.Comparisons == 0 ? 1 : Math.Max(0.05, (overall.Pooled.Wins + overall.Pooled.Losses) / (double)overall.Pooled.Comparisons);
        var perExample = Math.Max(1, ratingsPerExample) * nonTie;
        var planned = options.Rule.PlannedExamplesPerVersion ?? (int)Math.Ceiling(PairwisePlanner.Comparisons(PairwisePlanner.DefaultWinRate) / perExample);
        var more = Math.Max(0, planned - overall.Examples);
        var (cost, hours) = Planner.Price(more * ratingsPerExample, options.CostPerRating, options.RatingsPerHour); // one example holds both versions
        return new Plan(0, false, PairwisePlanner.DefaultWinRate, planned, overall.Examples, more, ratingsPerExample, cost, hours, options.Rule.PlannedExamplesPerVersion is not null, Pairs: true);
    }
}
