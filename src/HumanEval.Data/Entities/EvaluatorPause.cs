using HumanEval.Core.Quality;

namespace HumanEval.Data.Entities;

/// <summary>
/// An evaluator's claims in a campaign stopped, and why — until a lead lifts it. Kept when lifted (when, by whom), so
/// the roster and the audit log can say what happened. Ratings already submitted are untouched.
/// </summary>
public sealed class EvaluatorPause
{
    public long Id { get; set; }

    public int CampaignId { get; set; }

    public string EvaluatorId { get; set; } = "";

    public PauseReason Reason { get; set; }

    /// <summary>What the evaluator and the lead read, e.g. the lead's note or the figures behind an automatic pause.</summary>
    public string? Details { get; set; }

    public DateTime PausedAt { get; set; }

    /// <summary>The lead who paused them; null for an automatic pause.</summary>
    public string? PausedBy { get; set; }

    public DateTime? LiftedAt { get; set; }

    public string? LiftedBy { get; set; }
}
