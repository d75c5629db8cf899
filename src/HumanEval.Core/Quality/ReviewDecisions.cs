using HumanEval.Core.Rubrics;

namespace HumanEval.Core.Quality;

/// <summary>How sure the reviewer is of a decision.</summary>
public enum ReviewConfidence
{
    High,
    Medium,
    Low,
}

/// <summary>What the disagreement was (Potato's adjudication taxonomy, trimmed).</summary>
public enum DisagreementCategory
{
    /// <summary>The example itself can be read more than one way.</summary>
    AmbiguousExample,

    /// <summary>The rubric does not say how to score this; lands on the rubric-feedback list.</summary>
    GuidelineGap,

    /// <summary>A rater misread or missed something.</summary>
    EvaluatorError,

    /// <summary>A rare case the rubric covers, but that is hard.</summary>
    EdgeCase,

    /// <summary>Reasonable people differ; no one is wrong.</summary>
    Subjective,
}

/// <summary>
/// Who may decide a disputed example and what a decision must hold. A reviewer is a lead, or an evaluator a lead
/// marked as a reviewer who did not rate that example (no one adjudicates their own rating). A decision gives a
/// final score on the scale for each disputed criterion (it may also settle others) and never changes a rating.
/// </summary>
public static class ReviewRules
{
    /// <param name="isLead">A lead or admin.</param>
    /// <param name="isReviewer">An active evaluator a lead marked as a reviewer.</param>
    /// <param name="ratedThisExample">The person rated this example.</param>
    /// <param name="mayStillBeAssigned">An evaluator on the campaign's roster while the example still takes ratings: seeing the others' scores would unblind their own.</param>
    public static RuleResult CanReview(bool isLead, bool isReviewer, bool ratedThisExample, bool mayStillBeAssigned = false)
    {
        if (!isLead && !isReviewer)
        {
            return RuleResult.Refused("Only leads and evaluators marked as reviewers can decide disputed examples.");
        }

        if (ratedThisExample)
        {
            return RuleResult.Refused("You rated this example, so someone else reviews it: no one adjudicates their own rating.");
        }

        return !isLead && mayStillBeAssigned
            ? RuleResult.Refused("This example may still come to you to rate (you are on its campaign's roster and it is not complete): review it once its ratings are in.")
            : RuleResult.Allowed;
    }

    public static RuleResult Validate(IReadOnlyList<Criterion> criteria, IReadOnlyDictionary<string, int> scores, IEnumerable<string> disputed, string? notes)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(disputed);
        var problems = new List<string>();
        foreach (var key in disputed.Distinct(StringComparer.Ordinal).Where(k => !scores.ContainsKey(k)))
        {
            problems.Add($"{criteria.FirstOrDefault(c => c.Key == key)?.Label ?? key} is disputed: give its final score.");
        }

        foreach (var (key, value) in scores)
        {
            if (criteria.FirstOrDefault(c => c.Key == key) is not { } c)
            {
                problems.Add($"'{key}' is not a criterion of this rubric.");
            }
            else if (!c.Accepts(value))
            {
                problems.Add($"{c.Label} must be between {c.Min} and {c.Max}.");
            }
        }

        if (notes is { Length: > 4000 })
        {
            problems.Add("Notes are limited to 4,000 characters.");
        }

        return RuleResult.Refused(problems);
    }
}

/// <summary>Why an evaluator's claims in a campaign are paused.</summary>
public enum PauseReason
{
    /// <summary>Gold accuracy fell below the threshold (<see cref="GoldRules"/>).</summary>
    Gold,

    /// <summary>Too many ratings under the minimum active time.</summary>
    Speed,

    /// <summary>The same score on every criterion, example after example.</summary>
    StraightLining,

    /// <summary>A lead paused them by hand.</summary>
    Manual,
}
