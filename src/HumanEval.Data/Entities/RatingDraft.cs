namespace HumanEval.Data.Entities;

/// <summary>Autosaved, unsent scores and comments of one assignment.</summary>
public sealed class RatingDraft
{
    public long AssignmentId { get; set; }

    /// <summary>JSON: criterion key → score.</summary>
    public string Scores { get; set; } = "{}";

    /// <summary>JSON: criterion key → comment.</summary>
    public string Comments { get; set; } = "{}";

    public string? OverallComment { get; set; }

    public bool Flagged { get; set; }

    public string? FlagReason { get; set; }

    public int ActiveSeconds { get; set; }

    public DateTime UpdatedAt { get; set; }
}
