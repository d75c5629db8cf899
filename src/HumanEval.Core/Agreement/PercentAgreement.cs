namespace HumanEval.Core.Agreement;

public sealed record PercentAgreementResult(double? Exact, double? WithinOne);

public static class PercentAgreement
{
    // Scores are numbers read from text; a difference of exactly one must count as "within one".
    internal const double Tolerance = 1e-9;

    /// <summary>
    /// Per item with at least two ratings, the share of rater pairs that agree exactly and within one point;
    /// averaged over those items. Null when no item has two ratings.
    /// </summary>
    public static PercentAgreementResult Compute(RatingTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        double exactSum = 0, withinSum = 0;
        var items = 0;
        for (var i = 0; i < table.ItemCount; i++)
        {
            var (exact, within) = ItemShares(table.ScoresOf(i));
            if (exact is null)
            {
                continue;
            }

            exactSum += exact.Value;
            withinSum += within!.Value;
            items++;
        }

        return items == 0 ? new PercentAgreementResult(null, null) : new PercentAgreementResult(exactSum / items, withinSum / items);
    }

    internal static (double? Exact, double? Within) ItemShares(ReadOnlySpan<double> scores)
    {
        var m = scores.Length;
        if (m < 2)
        {
            return (null, null);
        }

        var pairs = 0;
        var exact = 0;
        var within = 0;
        for (var a = 0; a < m; a++)
        {
            for (var b = a + 1; b < m; b++)
            {
                pairs++;
                var d = Math.Abs(scores[a] - scores[b]);
                if (d == 0)
                {
                    exact++;
                }

                if (d <= 1 + Tolerance)
                {
                    within++;
                }
            }
        }

        return ((double)exact / pairs, (double)within / pairs);
    }
}
