namespace HumanEval.Core.Rubrics;

/// <summary>How a criterion is scored.</summary>
public enum ScaleType
{
    /// <summary>Ordered integer levels from <see cref="Criterion.Min"/> to <see cref="Criterion.Max"/>.</summary>
    Ordinal,

    /// <summary>Two levels: 0 and 1.</summary>
    Binary,
}

/// <summary>One anchor sentence describing what a score level means.</summary>
public sealed record Anchor(int Level, string Text);

/// <summary>One scored dimension of a rubric version.</summary>
public sealed record Criterion(
    string Key,
    string Label,
    string? Description,
    ScaleType Scale,
    int Min,
    int Max,
    bool Required,
    IReadOnlyList<Anchor> Anchors)
{
    /// <summary>All levels of the scale, lowest first.</summary>
    public IEnumerable<int> Levels => Enumerable.Range(Min, Max - Min + 1);

    /// <summary>The anchor sentence for a level, if the rubric gives one.</summary>
    public string? AnchorFor(int level) => Anchors.FirstOrDefault(a => a.Level == level)?.Text;

    public bool Accepts(int score) => score >= Min && score <= Max;
}

/// <summary>
/// A parsed rubric file. <see cref="ContentHash"/> identifies the version: any content change is a new version.
/// </summary>
public sealed record Rubric(
    string Key,
    string Name,
    string? Description,
    string? Guidelines,
    IReadOnlyList<Criterion> Criteria,
    string ContentHash)
{
    public Criterion? Find(string criterionKey) =>
        Criteria.FirstOrDefault(c => string.Equals(c.Key, criterionKey, StringComparison.Ordinal));
}
