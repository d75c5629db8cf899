namespace HumanEval.Data.Entities;

/// <summary>The submitted result of an assignment. Edits are new versions; nothing is rewritten.</summary>
public sealed class Rating
{
    public long Id { get; set; }

    public long AssignmentId { get; set; }

    public int Version { get; set; } = 1;

    public int CampaignId { get; set; }

    public long ExampleId { get; set; }

    public string EvaluatorId { get; set; } = "";

    public int RubricVersionId { get; set; }

    public string? OverallComment { get; set; }

    public bool Flagged { get; set; }

    public string? FlagReason { get; set; }

    public int ActiveSeconds { get; set; }

    /// <summary>Minutes into the evaluator's session when submitted (fatigue analytics).</summary>
    public double MinutesIntoSession { get; set; }

    public DateTime SubmittedAt { get; set; }

    /// <summary>The hourly rate in force when the rating was made (later rate changes do not rewrite it).</summary>
    public decimal? HourlyRate { get; set; }

    /// <summary>The flat rate per rating in force when the rating was made.</summary>
    public decimal? FlatRate { get; set; }

    public string Currency { get; set; } = "USD";

    /// <summary>Active time × hourly rate, or the flat rate; fixed at submission.</summary>
    public decimal Cost { get; set; }

    /// <summary>When the evaluator changed this rating (on the new version; the first version has none).</summary>
    public DateTime? EditedAt { get; set; }

    /// <summary>Why the evaluator changed it.</summary>
    public string? EditReason { get; set; }

    /// <summary>
    /// Set when a newer version replaced this one; a superseded version is kept unchanged as history. Queries see only
    /// current versions (a global query filter); history reads ignore the filter.
    /// </summary>
    public DateTime? SupersededAt { get; set; }

    /// <summary>
    /// Pairwise campaigns: whether output A was shown on the left ("Response 1") — the order the evaluator saw, so every
    /// statistic and the position-bias check can undo it; null in absolute campaigns. Scores are stored in the versions'
    /// frame (Core's <c>PairwiseForm</c>).
    /// </summary>
    public bool? AOnLeft { get; set; }

    public List<Score> Scores { get; set; } = [];
}
