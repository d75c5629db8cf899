using HumanEval.Core.Sessions;

namespace HumanEval.Data.Entities;

/// <summary>One model output to rate. Counters are maintained by the atomic claim, never by read-modify-write.</summary>
public sealed class Example
{
    public long Id { get; set; }

    public int CampaignId { get; set; }

    public Campaign Campaign { get; set; } = null!;

    public string ExternalId { get; set; } = "";

    public string Input { get; set; } = "";

    public string Output { get; set; } = "";

    public string? Context { get; set; }

    public string? Reference { get; set; }

    public string? Model { get; set; }

    public string? PromptVersion { get; set; }

    /// <summary>A JSON object (unknown import columns land here).</summary>
    public string? Metadata { get; set; }

    public DateTime ImportedAt { get; set; }

    /// <summary>Order of import within the campaign.</summary>
    public int Position { get; set; }

    /// <summary>Reserved + submitted assignments; never above the campaign's k.</summary>
    public int HolderCount { get; set; }

    /// <summary>Domain experts among the holders.</summary>
    public int ExpertHolderCount { get; set; }

    public int SubmittedCount { get; set; }

    /// <summary>When the k-th rating was submitted (turnaround end).</summary>
    public DateTime? CompletedAt { get; set; }

    public string Segment => $"{Model}|{PromptVersion}";
}

public enum AssignmentState
{
    Reserved,
    Submitted,
    Skipped,
    Expired,
    Released,
}

/// <summary>A claim of one example by one evaluator (at most one per pair, ever).</summary>
public sealed class Assignment
{
    public long Id { get; set; }

    public long ExampleId { get; set; }

    public Example Example { get; set; } = null!;

    public int CampaignId { get; set; }

    public string EvaluatorId { get; set; } = "";

    public bool ByExpert { get; set; }

    public long? SessionId { get; set; }

    public AssignmentState State { get; set; }

    public DateTime ClaimedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    public string? SkipReason { get; set; }
}

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

    public List<Score> Scores { get; set; } = [];
}

public sealed class Score
{
    public long Id { get; set; }

    public long RatingId { get; set; }

    public string CriterionKey { get; set; } = "";

    public int Value { get; set; }

    public string? Comment { get; set; }
}

/// <summary>One sitting of an evaluator.</summary>
public sealed class EvaluationSession
{
    public long Id { get; set; }

    public string EvaluatorId { get; set; } = "";

    public int CampaignId { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime LastActivityAt { get; set; }

    public int ActiveSeconds { get; set; }

    public DateTime? CapReachedAt { get; set; }

    public DateTime? EndedAt { get; set; }

    public SessionEnd? EndReason { get; set; }

    public int Items { get; set; }
}

/// <summary>Per-campaign ingest key; only its SHA-256 is stored.</summary>
public sealed class ApiKey
{
    public int Id { get; set; }

    public int CampaignId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>First characters of the key, to recognise it in lists.</summary>
    public string Prefix { get; set; } = "";

    public string Hash { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }
}

/// <summary>Append-only record of who did what.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public string? UserId { get; set; }

    public string Action { get; set; } = "";

    public string? Entity { get; set; }

    public string? EntityId { get; set; }

    public string? Details { get; set; }
}

/// <summary>An LLM judge's score for one (example, criterion), with the judge model and prompt version that produced it.</summary>
public sealed class JudgeScore
{
    public long Id { get; set; }

    public int CampaignId { get; set; }

    public long ExampleId { get; set; }

    public string CriterionKey { get; set; } = "";

    public double Score { get; set; }

    public string JudgeModel { get; set; } = "";

    public string JudgePromptVersion { get; set; } = "";

    public string? Rationale { get; set; }

    public DateTime ImportedAt { get; set; }
}
