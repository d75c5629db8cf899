using HumanEval.Core.Decisions;

namespace HumanEval.Core.Tests.Decisions;

/// <summary>Synthetic campaigns with a known truth: example quality varies, each rating adds noise, evaluators may be lenient.</summary>
internal static class Simulated
{
    public static readonly ComparedCriterion[] OneCriterion = [new("accuracy", "Accuracy", false)];

    public static readonly ComparedCriterion[] WithSafety = [new("accuracy", "Accuracy", false), new("helpfulness", "Helpfulness", false), new("safety", "Safety", true)];

    /// <param name="effect">True difference candidate − baseline in points.</param>
    /// <param name="leniency">Per evaluator index, the offset their ratings carry.</param>
    /// <param name="pick">Chooses the k evaluators of an example (version 0/1, example index).</param>
    public static List<ComparedRating> Campaign(Random r, int perVersion, int k, double effect, double exampleSd = 0.8, double noiseSd = 0.6,
        double[]? leniency = null, Func<int, int, int[]>? pick = null, bool paired = false, double unsafeBaseline = 0, double unsafeCandidate = 0,
        IReadOnlyList<ComparedCriterion>? criteria = null, DateTime? start = null)
    {
        criteria ??= OneCriterion;
        leniency ??= new double[Math.Max(k, 6)];
        var list = new List<ComparedRating>();
        var shared = Enumerable.Range(0, perVersion).Select(_ => Normal(r) * exampleSd).ToArray();
        for (var v = 0; v < 2; v++)
        {
            for (var i = 0; i < perVersion; i++)
            {
                var quality = 3 + (paired ? shared[i] : Normal(r) * exampleSd) + (v == 1 ? effect : 0);
                var raters = pick?.Invoke(v, i) ?? Enumerable.Range(0, leniency.Length).OrderBy(_ => r.Next()).Take(k).ToArray();
                var example = $"{(v == 0 ? "b" : "c")}{i:D5}";
                var isUnsafe = r.NextDouble() < (v == 0 ? unsafeBaseline : unsafeCandidate);
                foreach (var rater in raters)
                {
                    foreach (var c in criteria)
                    {
                        var score = c.Binary ? (isUnsafe ? 0 : 1) : quality + leniency[rater] + (Normal(r) * noiseSd);
                        list.Add(new ComparedRating(example, v == 0 ? "v1" : "v2", $"e{rater}", c.Key, score,
                            paired ? $"p{i:D5}" : null, start?.AddMinutes((v * 60) + i)));
                    }
                }
            }
        }

        return list;
    }

    public static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    public static ComparisonOptions Options(int draws = 1000, int seed = 1, DecisionRule? rule = null, DateTime? now = null) => new()
    {
        Baseline = "v1", Candidate = "v2", Draws = draws, Seed = seed, Rule = rule ?? new DecisionRule { MinHours = 0, PlannedExamplesPerVersion = 20 }, Now = now,
    };
}
