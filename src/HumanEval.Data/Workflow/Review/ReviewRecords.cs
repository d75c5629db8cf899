using HumanEval.Core.Assignment;
using HumanEval.Core.Quality;

namespace HumanEval.Data.Workflow;

/// <summary>One example in a campaign's review queue: why, how much the raters agree, and whether it has been decided.</summary>
/// <param name="FlaggedRaters">How many of its raters carry a behaviour flag (speed, straight-lining, outlier), when the caller asked.</param>
public sealed record ReviewQueueRow(string ExternalId, IReadOnlyList<ReviewCause> Causes, double Agreement, int Ratings, int? DecisionVersion, int FlaggedRaters = 0);

/// <summary>One rating as the reviewer reads it: rater (name hideable on the page), type, scores, comments, active time.</summary>
public sealed record ReviewRating(string EvaluatorId, string Evaluator, EvaluatorKind? Type, IReadOnlyDictionary<string, int> Scores, IReadOnlyDictionary<string, string> Comments,
    string? Overall, bool Flagged, string? FlagReason, int ActiveSeconds, DateTime SubmittedAt);

/// <summary>The judge's score and rationale on one criterion (the campaign's first judge).</summary>
public sealed record ReviewJudgeScore(string Criterion, double Score, string Judge, string? Rationale);

/// <summary>One version of a decision.</summary>
public sealed record DecisionView(int Version, string Reviewer, IReadOnlyDictionary<string, int> Scores, ReviewConfidence Confidence,
    DisagreementCategory Category, string? Notes, bool GuidelineGap, DateTime DecidedAt);

/// <summary>What a reviewer records.</summary>
public sealed record DecisionInput(IReadOnlyDictionary<string, int> Scores, ReviewConfidence Confidence, DisagreementCategory Category, string? Notes, bool GuidelineGap);

/// <summary>A disputed example as the review page shows it: everything the raters saw and said, the judge, the causes, the consensus so far, the decisions.</summary>
public sealed record ReviewCase(
    int CampaignId, string CampaignName, ExampleView Example, IReadOnlyList<CriterionView> Criteria, IReadOnlyList<ReviewRating> Ratings,
    IReadOnlyList<ReviewJudgeScore> Judge, IReadOnlyList<ReviewCause> Causes, IReadOnlyList<CriterionConsensus> Consensus, IReadOnlyList<DecisionView> Decisions)
{
    public DecisionView? Current => Decisions.Count == 0 ? null : Decisions[^1];
}

/// <summary>A guideline gap a reviewer found, for the next rubric version.</summary>
public sealed record RubricFeedback(string ExternalId, string Reviewer, string? Notes, IReadOnlyList<string> Criteria, DateTime DecidedAt);
