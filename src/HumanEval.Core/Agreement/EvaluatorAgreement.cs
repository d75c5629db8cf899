namespace HumanEval.Core.Agreement;

/// <summary>
/// One evaluator against the others. <see cref="Exact"/> and <see cref="WithinOne"/>: share of the evaluator's
/// ratings equal to / within one of the median of the other ratings of the same example (leave-one-out consensus).
/// <see cref="MeanOffset"/>: mean of (own score − mean of the others); positive is lenient, negative severe.
/// </summary>
public sealed record EvaluatorStats(int Rater, int Items, double? Exact, double? WithinOne, double? MeanOffset);

public static class EvaluatorAgreement
{
    /// <summary>Stats for every rater with at least one rating, ordered by rater index. Examples rated by nobody else do not count.</summary>
    public static IReadOnlyList<EvaluatorStats> Compute(RatingTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var items = new int[table.RaterCount];
        var exact = new int[table.RaterCount];
        var within = new int[table.RaterCount];
        var offset = new double[table.RaterCount];
        var rated = new bool[table.RaterCount];
        var others = new List<double>();
        for (var i = 0; i < table.ItemCount; i++)
        {
            var raters = table.RatersOf(i);
            var scores = table.ScoresOf(i);
            for (var a = 0; a < raters.Length; a++)
            {
                rated[raters[a]] = true;
                if (raters.Length < 2)
                {
                    continue;
                }

                others.Clear();
                double sum = 0;
                for (var b = 0; b < raters.Length; b++)
                {
                    if (b != a)
                    {
                        others.Add(scores[b]);
                        sum += scores[b];
                    }
                }

                var consensus = Ranks.Median(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(others));
                var d = Math.Abs(scores[a] - consensus);
                var r = raters[a];
                items[r]++;
                exact[r] += d == 0 ? 1 : 0;
                within[r] += d <= 1 + PercentAgreement.Tolerance ? 1 : 0;
                offset[r] += scores[a] - (sum / others.Count);
            }
        }

        var result = new List<EvaluatorStats>();
        for (var r = 0; r < table.RaterCount; r++)
        {
            if (!rated[r])
            {
                continue;
            }

            result.Add(items[r] == 0
                ? new EvaluatorStats(r, 0, null, null, null)
                : new EvaluatorStats(r, items[r], (double)exact[r] / items[r], (double)within[r] / items[r], offset[r] / items[r]));
        }

        return result;
    }

    /// <summary>
    /// Fatigue signal: least-squares slope of (score − consensus) against minutes into the session, per hour.
    /// Null with fewer than <paramref name="minPoints"/> points or when they span less than <paramref name="minSpanMinutes"/>
    /// (a slope from a few minutes of data is noise, not fatigue).
    /// </summary>
    public static double? DriftPerHour(IReadOnlyList<(double Minutes, double Offset)> points, int minPoints = 3, double minSpanMinutes = 0)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < Math.Max(3, minPoints) || points.Max(p => p.Minutes) - points.Min(p => p.Minutes) < minSpanMinutes)
        {
            return null;
        }

        var mx = points.Average(p => p.Minutes);
        var my = points.Average(p => p.Offset);
        double sxy = 0, sxx = 0;
        foreach (var (x, y) in points)
        {
            sxy += (x - mx) * (y - my);
            sxx += (x - mx) * (x - mx);
        }

        return sxx == 0 ? null : sxy / sxx * 60;
    }
}
