namespace HumanEval.Core.Pairwise;

public enum BattleOutcome
{
    AWins,
    BWins,
    Tie,
}

/// <summary>One comparison of version <paramref name="A"/> with version <paramref name="B"/>.</summary>
public sealed record Battle(string A, string B, BattleOutcome Outcome);

/// <summary>Ratings with their bootstrap intervals (null where no draw fitted); <paramref name="Failed"/> draws had no finite maximum.</summary>
public sealed record BradleyTerryIntervals(IReadOnlyDictionary<string, double> Ratings, IReadOnlyDictionary<string, Agreement.Interval?> Intervals, int Draws, int Failed);

/// <summary>
/// Bradley–Terry ratings for three or more versions, by maximum likelihood with a tie as half a win each way — the
/// model of FastChat's <c>compute_elo_mle_with_tie</c> (Chatbot Arena): each battle counts twice, a win as two wins, a
/// tie as one win for each side; P(i beats j) = 1 / (1 + BASE^((R_j − R_i)/SCALE)). Solved by Newton's method on the
/// log-likelihood to a gradient below 1e-12 (exact to double precision, unlike an iterative solver's tolerance). The
/// likelihood fixes only differences: FastChat's solver lands on ratings with mean <c>init</c>; here the
/// same, then shifted so <c>anchor</c> sits at <c>init</c> when one is given. Orders of battles do not matter (online
/// Elo's weakness).
/// </summary>
public static class BradleyTerry
{
    /// <summary>Ratings by version, or null when the likelihood has no finite maximum (a version never loses or ties, or the battles fall into separate groups).</summary>
    public static IReadOnlyDictionary<string, double>? Fit(IEnumerable<Battle> battles, string? anchor = null, double scale = 400, double @base = 10, double init = 1000)
    {
        ArgumentNullException.ThrowIfNull(battles);
        var names = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        int Of(string name)
        {
            if (!index.TryGetValue(name, out var i))
            {
                i = index[name] = names.Count;
                names.Add(name);
            }

            return i;
        }

        var counted = new List<(int A, int B, BattleOutcome Outcome)>();
        foreach (var b in battles)
        {
            if (b.A == b.B)
            {
                throw new ArgumentException($"a battle of '{b.A}' against itself", nameof(battles));
            }

            counted.Add((Of(b.A), Of(b.B), b.Outcome));
        }

        var p = names.Count;
        if (p < 2)
        {
            return null;
        }

        // W[i, j]: weighted wins of i over j (a win counts 2, a tie 1 for each side).
        var w = new double[p, p];
        foreach (var (a, b, outcome) in counted)
        {
            switch (outcome)
            {
                case BattleOutcome.AWins:
                    w[a, b] += 2;
                    break;
                case BattleOutcome.BWins:
                    w[b, a] += 2;
                    break;
                default:
                    w[a, b] += 1;
                    w[b, a] += 1;
                    break;
            }
        }

        if (!StronglyConnected(w))
        {
            return null;
        }

        var theta = Solve(w, Math.Log(@base));
        if (theta is null)
        {
            return null;
        }

        var mean = theta.Average();
        var shift = anchor is not null && index.TryGetValue(anchor, out var ai) ? theta[ai] : mean;
        return names.Select((n, i) => (n, r: (scale * (theta[i] - shift)) + init)).ToDictionary(x => x.n, x => x.r, StringComparer.Ordinal);
    }

    /// <summary>
    /// 95% percentile intervals of the ratings by a seeded bootstrap over examples (each draw resamples the examples
    /// with replacement, keeping every battle of an example together, and refits; draws without a finite maximum are
    /// left out and counted). The point ratings are <see cref="Fit"/> on all battles.
    /// </summary>
    public static BradleyTerryIntervals? Intervals(IReadOnlyList<(string Example, Battle Battle)> battles, string? anchor = null, int draws = 1000, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(battles);
        var point = Fit(battles.Select(b => b.Battle), anchor);
        if (point is null)
        {
            return null;
        }

        var byExample = battles.GroupBy(b => b.Example, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Select(b => b.Battle).ToArray()).ToArray();
        var samples = point.Keys.ToDictionary(k => k, _ => new List<double>(draws), StringComparer.Ordinal);
        var random = new Random(seed);
        var failed = 0;
        for (var d = 0; d < draws; d++)
        {
            var drawn = new List<Battle>();
            for (var i = 0; i < byExample.Length; i++)
            {
                drawn.AddRange(byExample[random.Next(byExample.Length)]);
            }

            var fit = Fit(drawn, anchor);
            if (fit is null || fit.Count != point.Count)
            {
                failed++;
                continue;
            }

            foreach (var (name, rating) in fit)
            {
                samples[name].Add(rating);
            }
        }

        var intervals = samples.ToDictionary(s => s.Key, s => Agreement.Bootstrap.Percentile(s.Value), StringComparer.Ordinal);
        return new BradleyTerryIntervals(point, intervals, draws - failed, failed);
    }

    /// <summary>
    /// The maximum is finite exactly when every version can be reached from every other along "won (or tied) against"
    /// edges (Zermelo 1929; Ford 1957): no version unbeaten, no group that only ever beats the rest, none apart.
    /// </summary>
    private static bool StronglyConnected(double[,] w)
    {
        var p = w.GetLength(0);
        bool Reaches(bool forward)
        {
            var seen = new bool[p];
            var stack = new Stack<int>([0]);
            seen[0] = true;
            while (stack.TryPop(out var i))
            {
                for (var j = 0; j < p; j++)
                {
                    if (!seen[j] && (forward ? w[i, j] : w[j, i]) > 0)
                    {
                        seen[j] = true;
                        stack.Push(j);
                    }
                }
            }

            return seen.All(x => x);
        }

        return Reaches(forward: true) && Reaches(forward: false);
    }

    /// <summary>Newton's method with the last version's θ fixed at 0 (the likelihood depends on differences only).</summary>
    private static double[]? Solve(double[,] w, double c)
    {
        var p = w.GetLength(0);
        var theta = new double[p];
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var g = new double[p - 1];
            var h = new double[p - 1, p - 1];
            var worst = 0.0;
            for (var i = 0; i < p; i++)
            {
                for (var j = 0; j < p; j++)
                {
                    var n = w[i, j] + w[j, i];
                    if (i == j || n == 0)
                    {
                        continue;
                    }

                    var pij = 1 / (1 + Math.Exp(-c * (theta[i] - theta[j])));
                    var curvature = c * c * n * pij * (1 - pij);
                    if (i < p - 1)
                    {
                        g[i] += c * (w[i, j] - (n * pij));
                        h[i, i] += curvature;
                        if (j < p - 1)
                        {
                            h[i, j] -= curvature;
                        }
                    }
                }
            }

            for (var i = 0; i < p - 1; i++)
            {
                worst = Math.Max(worst, Math.Abs(g[i]));
            }

            if (worst < 1e-12)
            {
                return theta;
            }

            // The gradient g and the negative Hessian h: step δ = h⁻¹ g.
            var step = GaussSolve(h, g);
            if (step is null || step.Any(s => !double.IsFinite(s)) || theta.Any(t => Math.Abs(t) > 50))
            {
                return null; // no finite maximum: separation or a disconnected comparison graph
            }

            for (var i = 0; i < p - 1; i++)
            {
                theta[i] += step[i];
            }
        }

        return null;
    }

    /// <summary>Solves a·x = b by Gaussian elimination with partial pivoting; null when a is singular.</summary>
    private static double[]? GaussSolve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(m[pivot, col]) < 1e-300)
            {
                return null;
            }

            if (pivot != col)
            {
                for (var k = 0; k < n; k++)
                {
                    (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
                }

                (x[col], x[pivot]) = (x[pivot], x[col]);
            }

            for (var r = col + 1; r < n; r++)
            {
                var f = m[r, col] / m[col, col];
                for (var k = col; k < n; k++)
                {
                    m[r, k] -= f * m[col, k];
                }

                x[r] -= f * x[col];
            }
        }

        for (var r = n - 1; r >= 0; r--)
        {
            for (var k = r + 1; k < n; k++)
            {
                x[r] -= m[r, k] * x[k];
            }

            x[r] /= m[r, r];
        }

        return x;
    }
}
