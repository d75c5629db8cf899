using HumanEval.Core.Assignment;

namespace HumanEval.Data.Entities;

/// <summary>What the product knows about a person who rates: who they are to a roster, and whether they are active.</summary>
public sealed class EvaluatorProfile
{
    public string UserId { get; set; } = "";

    public ApplicationUser User { get; set; } = null!;

    public EvaluatorKind Type { get; set; }

    /// <summary>Expertise tags, e.g. "billing", "medical"; kept normalised (trimmed, lower-case, distinct).</summary>
    public List<string> Tags { get; set; } = [];

    public bool Active { get; set; } = true;

    /// <summary>A lead made this evaluator a reviewer: they may decide disputed examples they did not rate.</summary>
    public bool IsReviewer { get; set; }

    /// <summary>Pay per hour of active rating time (exclusive with <see cref="FlatRate"/>).</summary>
    public decimal? HourlyRate { get; set; }

    /// <summary>Pay per submitted rating (exclusive with <see cref="HourlyRate"/>).</summary>
    public decimal? FlatRate { get; set; }

    /// <summary>ISO 4217 code of the rates.</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>Hours of active rating time per week (Monday 00:00 UTC), across campaigns; null: no limit.</summary>
    public double? WeeklyHourLimit { get; set; }

    public DateTime? DeactivatedAt { get; set; }

    public DateTime CreatedAt { get; set; }
}
