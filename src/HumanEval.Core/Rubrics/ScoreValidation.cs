namespace HumanEval.Core.Rubrics;

/// <summary>Whether a set of scores is a complete, valid rating under a rubric version.</summary>
public static class ScoreValidation
{
    /// <summary>Every required criterion scored, every score on its scale, no unknown criterion. Messages name the criterion.</summary>
    public static RuleResult Validate(IReadOnlyList<Criterion> criteria, IReadOnlyDictionary<string, int> scores)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(scores);
        var problems = new List<string>();
        foreach (var c in criteria)
        {
            if (!scores.TryGetValue(c.Key, out var value))
            {
                if (c.Required)
                {
                    problems.Add($"{c.Label} needs a score.");
                }
            }
            else if (!c.Accepts(value))
            {
                problems.Add($"{c.Label} must be between {c.Min} and {c.Max}.");
            }
        }

        foreach (var key in scores.Keys.Where(k => criteria.All(c => c.Key != k)))
        {
            problems.Add($"'{key}' is not a criterion of this rubric.");
        }

        return RuleResult.Refused(problems);
    }

    /// <summary>The score checks plus the flag: a flagged rating says why, or the lead reads "(flag: )" and learns nothing.</summary>
    public static RuleResult Validate(IReadOnlyList<Criterion> criteria, IReadOnlyDictionary<string, int> scores, bool flagged, string? flagReason)
    {
        var scored = Validate(criteria, scores);
        return flagged && string.IsNullOrWhiteSpace(flagReason) ? scored.And(RuleResult.Refused(FlagNeedsReason)) : scored;
    }

    public const string FlagNeedsReason = "A flag needs a reason: say what the lead should look at.";
}
