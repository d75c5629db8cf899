using HumanEval.Core.Operations;
using HumanEval.Data.Entities;

namespace HumanEval.Data.Workflow;

/// <summary>Who rated what: the identity of a rating row.</summary>
public sealed record RatingOwner(long AssignmentId, int CampaignId, long ExampleId, string EvaluatorId, int RubricVersionId);

/// <summary>
/// The one place a rating row is built, for a first submit, a new version of an edit and the demo seed: text trimmed
/// (blank as null), the flag reason kept only with a flag, one score per criterion entered in rubric order, the rate
/// card in force written into the row and the cost by Core's <see cref="CostRules.RatingCost"/>.
/// </summary>
public static class RatingRecord
{
    public static Rating Build(RatingOwner owner, DraftInput input, IEnumerable<string> criterionKeys, RateCard rate, int activeSeconds, DateTime submittedAt, double minutesIntoSession)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rate);
        return new Rating
        {
            AssignmentId = owner.AssignmentId,
            CampaignId = owner.CampaignId,
            ExampleId = owner.ExampleId,
            EvaluatorId = owner.EvaluatorId,
            RubricVersionId = owner.RubricVersionId,
            OverallComment = InputText.Trim(input.OverallComment),
            Flagged = input.Flagged,
            FlagReason = input.Flagged ? InputText.Trim(input.FlagReason) : null,
            ActiveSeconds = activeSeconds,
            MinutesIntoSession = minutesIntoSession,
            SubmittedAt = submittedAt,
            HourlyRate = rate.Hourly,
            FlatRate = rate.PerRating,
            Currency = rate.Currency,
            Cost = CostRules.RatingCost(rate, Math.Max(0, activeSeconds)),
            Scores = criterionKeys.Where(input.Scores.ContainsKey).Select(key => new Score
            {
                CriterionKey = key,
                Value = input.Scores[key],
                Comment = InputText.Trim(input.Comments.GetValueOrDefault(key)),
            }).ToList(),
        };
    }
}
