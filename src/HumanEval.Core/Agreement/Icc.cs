namespace HumanEval.Core.Agreement;

public static class Icc
{
    /// <summary>
    /// ICC(2,1): two-way random effects, absolute agreement, single rater (Shrout &amp; Fleiss 1979). Needs a complete
    /// table (every active rater rated every rated item), at least two items and two raters; null otherwise.
    /// </summary>
    public static double? TwoWayRandomSingle(RatingTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var n = table.RatedItemCount;
        var k = table.ActiveRaterCount;
        if (n < 2 || k < 2 || table.RatingCount != n * k)
        {
            return null;
        }

        // Map active raters to columns.
        var column = new Dictionary<int, int>();
        for (var i = 0; i < table.ItemCount; i++)
        {
            foreach (var r in table.RatersOf(i))
            {
                column.TryAdd(r, column.Count);
            }
        }

        var rowMeans = new List<double>(n);
        var colSums = new double[k];
        double total = 0;
        for (var i = 0; i < table.ItemCount; i++)
        {
            var scores = table.ScoresOf(i);
            if (scores.Length == 0)
            {
                continue;
            }

            var raters = table.RatersOf(i);
            double sum = 0;
            for (var j = 0; j < scores.Length; j++)
            {
                sum += scores[j];
                colSums[column[raters[j]]] += scores[j];
            }

            rowMeans.Add(sum / k);
            total += sum;
        }

        var grand = total / (n * k);
        double ssRows = 0, ssCols = 0, ssTotal = 0;
        foreach (var mean in rowMeans)
        {
            ssRows += (mean - grand) * (mean - grand);
        }

        ssRows *= k;
        foreach (var sum in colSums)
        {
            var mean = sum / n;
            ssCols += (mean - grand) * (mean - grand);
        }

        ssCols *= n;
        double scale = 0;
        for (var i = 0; i < table.ItemCount; i++)
        {
            foreach (var s in table.ScoresOf(i))
            {
                ssTotal += (s - grand) * (s - grand);
                scale += s * s;
            }
        }

        // No variation is undefined, not 1, 0 or -1: six ratings of 0.1 give a grand mean with rounding error and sums
        // of squares of ~1e-33 instead of 0, so the guard reads a total sum of
        // squares that is rounding noise relative to the scores' size (Σs²), never an exact floating-point zero.
        if (Variation.IsNoise(ssTotal, scale))
        {
            return null;
        }

        var ssError = ssTotal - ssRows - ssCols;
        var msRows = ssRows / (n - 1);
        var msCols = ssCols / (k - 1);
        var msError = ssError / ((n - 1) * (k - 1));
        var denominator = msRows + ((k - 1) * msError) + (k * (msCols - msError) / n);
        return Math.Abs(denominator) <= Variation.Tolerance * (ssTotal / ((n * k) - 1)) ? null : (msRows - msError) / denominator;
    }
}
