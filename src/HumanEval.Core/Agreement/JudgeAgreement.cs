namespace HumanEval.Core.Agreement;

public sealed record JudgeAgreementResult(int N, double? Exact, double? WithinOne, double? QuadraticKappa, double? Spearman);

/// <summary>How an LLM judge's scores agree with the humans' on the same items.</summary>
public static class JudgeAgreement
{
    /// <param name="table">Human ratings.</param>
    /// <param name="judge">The judge's score per item index of <paramref name="table"/> (null where the judge gave none).</param>
    public static JudgeAgreementResult Compute(RatingTable table, IReadOnlyList<double?> judge)
    {
        var per = PerItem(table, judge);
        if (per.Count == 0)
        {
            return new JudgeAgreementResult(0, null, null, null, null);
        }

        var judgeScores = per.Select(p => p.Judge).ToArray();
        var medians = per.Select(p => p.Median).ToArray();
        return new JudgeAgreementResult(
            per.Count,
            per.Average(p => p.Exact),
            per.Average(p => p.WithinOne),
            Kappa.Cohen(judgeScores, medians, KappaWeights.Quadratic),
            Ranks.Spearman(judgeScores, medians));
    }

    /// <summary>One item with a judge score and at least one human rating.</summary>
    public sealed record Item(int Index, double Judge, double Median, double Exact, double WithinOne);

    /// <summary>
    /// Per item: the share of its human ratings equal to / within one of the judge score (comparable with
    /// human–human percent agreement), and the human median.
    /// </summary>
    public static IReadOnlyList<Item> PerItem(RatingTable table, IReadOnlyList<double?> judge)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(judge);
        if (judge.Count != table.ItemCount)
        {
            throw new ArgumentException("one judge entry per item is required", nameof(judge));
        }

        var items = new List<Item>();
        for (var i = 0; i < table.ItemCount; i++)
        {
            var scores = table.ScoresOf(i);
            if (judge[i] is not { } j || scores.IsEmpty)
            {
                continue;
            }

            var exact = 0;
            var within = 0;
            foreach (var s in scores)
            {
                var d = Math.Abs(s - j);
                if (d == 0)
                {
                    exact++;
                }

                if (d <= 1 + PercentAgreement.Tolerance)
                {
                    within++;
                }
            }

            items.Add(new Item(i, j, Ranks.Median(scores), (double)exact / scores.Length, (double)within / scores.Length));
        }

        return items;
    }
}
