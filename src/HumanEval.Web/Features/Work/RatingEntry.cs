using HumanEval.Data.Workflow;

namespace HumanEval.Web.Features.Work;

/// <summary>
/// What the evaluator has entered on a rating form (scores, per-criterion comments, the overall comment, the flag and
/// its reason): the state <see cref="RatingForm"/> edits, shared by the rating page and the change page, and turned
/// into the <see cref="DraftInput"/> the services store as a draft, a rating or a new version of one.
/// </summary>
public sealed class RatingEntry
{
    public Dictionary<string, int> Scores { get; } = [];

    public Dictionary<string, string> Comments { get; } = [];

    public string? Overall { get; set; }

    public bool Flagged { get; set; }

    public string? FlagReason { get; set; }

    /// <summary>A form filled from a saved draft or rating version (empty when there is none).</summary>
    public static RatingEntry From(DraftInput? saved)
    {
        var entry = new RatingEntry { Overall = saved?.OverallComment, Flagged = saved?.Flagged ?? false, FlagReason = saved?.FlagReason };
        foreach (var (key, value) in saved?.Scores ?? new Dictionary<string, int>())
        {
            entry.Scores[key] = value;
        }

        foreach (var (key, value) in saved?.Comments ?? new Dictionary<string, string>())
        {
            entry.Comments[key] = value;
        }

        return entry;
    }

    /// <summary>A snapshot of the form (blank comments left out) with the active time spent on it.</summary>
    public DraftInput ToInput(int activeSeconds) => new(
        new Dictionary<string, int>(Scores),
        Comments.Where(c => !string.IsNullOrWhiteSpace(c.Value)).ToDictionary(),
        Overall, Flagged, FlagReason, activeSeconds);

    /// <summary>Does the form still show exactly what <paramref name="saved"/> holds (the active time aside)?</summary>
    public bool Shows(DraftInput saved)
    {
        var now = ToInput(saved.ActiveSeconds);
        return now.Scores.Count == saved.Scores.Count && now.Scores.All(p => saved.Scores.TryGetValue(p.Key, out var v) && v == p.Value)
            && now.Comments.Count == saved.Comments.Count && now.Comments.All(p => saved.Comments.TryGetValue(p.Key, out var v) && v == p.Value)
            && now.OverallComment == saved.OverallComment && now.Flagged == saved.Flagged && now.FlagReason == saved.FlagReason;
    }
}
