using HumanEval.Core.Quality;

namespace HumanEval.Data.Entities;

/// <summary>
/// A reviewer's decision on a disputed example: the final score per criterion it settles, how sure, what kind of
/// disagreement, notes, and whether the rubric has a gap. Its own record — ratings are never changed; a change is a
/// new version (the old one keeps its <see cref="SupersededAt"/> stamp), and every version is in the audit log.
/// </summary>
public sealed class ReviewDecision
{
    public long Id { get; set; }

    public int CampaignId { get; set; }

    public long ExampleId { get; set; }

    public int Version { get; set; } = 1;

    public string ReviewerId { get; set; } = "";

    /// <summary>JSON: criterion key → final score.</summary>
    public string Scores { get; set; } = "{}";

    public ReviewConfidence Confidence { get; set; }

    public DisagreementCategory Category { get; set; }

    public string? Notes { get; set; }

    /// <summary>The rubric does not cover this case: the decision lands on the rubric-feedback list.</summary>
    public bool GuidelineGap { get; set; }

    public DateTime DecidedAt { get; set; }

    public DateTime? SupersededAt { get; set; }
}
