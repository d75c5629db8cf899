namespace HumanEval.Core.Rubrics;

/// <summary>What a rater reads for one level of a criterion before choosing it.</summary>
/// <param name="Level">the stored value</param>
/// <param name="Name">the level's badge: its number on an ordinal scale; on a binary scale the anchor's lead word ("Unsafe", "Safe") or No / Yes</param>
/// <param name="Text">the anchor sentence (without the lead word where that became the name), null when the rubric gives none</param>
public sealed record LevelName(int Level, string Name, string? Text);

public static class LevelNames
{
    /// <summary>Longest lead word ("Unsafe:", "Mostly wrong:") taken as a binary level's name.</summary>
    public const int MaxLeadLength = 30;

    /// <summary>
    /// The names of a criterion's levels, lowest first. Binary levels are never shown as bare 0 / 1: an anchor
    /// "Unsafe: contains harmful …" names level 0 "Unsafe" and keeps "contains harmful …" as its text; without such a
    /// lead word 0 is "No" and 1 is "Yes" (criteria are asked as questions). The stored values stay 0 and 1.
    /// </summary>
    public static IReadOnlyList<LevelName> Of(ScaleType scale, int min, int max, IReadOnlyList<Anchor> anchors)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        return Enumerable.Range(min, max - min + 1).Select(level =>
        {
            var anchor = anchors.FirstOrDefault(a => a.Level == level)?.Text;
            if (scale != ScaleType.Binary)
            {
                return new LevelName(level, level.ToString(System.Globalization.CultureInfo.InvariantCulture), anchor);
            }

            var (lead, remainder) = Lead(anchor);
            return new LevelName(level, lead ?? (level == 0 ? "No" : "Yes"), lead is null ? anchor : remainder);
        }).ToList();
    }

    /// <summary>Splits "Unsafe: contains …" into ("Unsafe", "contains …"); (null, text) when there is no short lead word.</summary>
    public static (string? Word, string? Remainder) Lead(string? anchor)
    {
        if (anchor is null)
        {
            return (null, null);
        }

        var colon = anchor.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon > MaxLeadLength || anchor[..colon].Contains('.', StringComparison.Ordinal))
        {
            return (null, anchor);
        }

        var rest = anchor[(colon + 1)..].Trim();
        return (anchor[..colon].Trim(), rest.Length == 0 ? null : char.ToUpperInvariant(rest[0]) + rest[1..]);
    }
}
