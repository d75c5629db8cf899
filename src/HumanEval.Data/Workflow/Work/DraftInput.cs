namespace HumanEval.Data.Workflow;

/// <summary>What an evaluator entered for one example: kept as a draft, submitted as a rating, or saved as a new version of one.</summary>
public sealed record DraftInput(IReadOnlyDictionary<string, int> Scores, IReadOnlyDictionary<string, string> Comments, string? OverallComment, bool Flagged, string? FlagReason, int ActiveSeconds);
