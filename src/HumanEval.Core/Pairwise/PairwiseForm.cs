using HumanEval.Core.Rubrics;

namespace HumanEval.Core.Pairwise;

/// <summary>
/// The pairwise rating form as rubric criteria, so the absolute screen's inputs, keyboard flow, drafts and validation
/// serve it unchanged. The evaluator answers in the <em>shown</em> frame ("Response 1" on the left, "Response 2" on the
/// right); what is stored is in the <em>versions'</em> frame (A = the example's first output, B = its second), with
/// the shown order kept on the rating (<see cref="DisplayOrder"/>).
/// <list type="bullet">
/// <item>An ordinal criterion becomes a 1–5 preference (digits 1–5): 1 "Response 1 much better", 2 "Response 1 better",
/// 3 "About the same", 4 "Response 2 better", 5 "Response 2 much better". Stored as −2 … +2, positive favouring B.</item>
/// <item>A binary criterion (safety) is asked of each response: <c>safety.1</c> and <c>safety.2</c> on screen, stored as
/// <c>safety.a</c> and <c>safety.b</c> with the rubric's 0/1 levels, since a preference is no answer to "is it harmful".</item>
/// <item><see cref="BothKey"/>: "both responses unacceptable" (0 no / 1 yes) with the optional reason as its comment;
/// when yes, the preferences may be left out (the statistics count the rating as a tie and apart).</item>
/// </list>
/// Rubric keys match <c>^[a-z][a-z0-9_]*$</c>, so these derived keys (with a dot or a leading underscore) never collide.
/// </summary>
public static class PairwiseForm
{
    public const string BothKey = "_both";

    public const int Same = 3;

    public static readonly IReadOnlyList<string> PreferenceTexts =
        ["Response 1 much better", "Response 1 better", "About the same", "Response 2 better", "Response 2 much better"];

    /// <summary>The key a binary criterion has for a shown response (1 = left, 2 = right).</summary>
    public static string ShownKey(string criterion, int response) => $"{criterion}.{response}";

    /// <summary>The key a binary criterion has for a version's output when stored (<c>a</c> or <c>b</c>).</summary>
    public static string StoredKey(string criterion, bool forA) => $"{criterion}.{(forA ? 'a' : 'b')}";

    /// <summary>The form's criteria in screen order: preferences, each binary criterion per response, then "both unacceptable".</summary>
    public static IReadOnlyList<Criterion> Shown(IReadOnlyList<Criterion> criteria, bool bothUnacceptable)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var anchors = PreferenceTexts.Select((t, i) => new Anchor(i + 1, t)).ToList();
        var list = criteria.Where(c => c.Scale == ScaleType.Ordinal)
            .Select(c => new Criterion(c.Key, c.Label, c.Description is null ? "Which response does better here?" : $"Which response does better here? {c.Description}",
                ScaleType.Ordinal, 1, 5, c.Required && !bothUnacceptable, anchors))
            .ToList();
        foreach (var c in criteria.Where(c => c.Scale == ScaleType.Binary))
        {
            list.AddRange(new[] { 1, 2 }.Select(r => c with { Key = ShownKey(c.Key, r), Label = $"{c.Label}: Response {r}" }));
        }

        list.Add(new Criterion(BothKey, "Both responses unacceptable?",
            "Say yes when neither response could be shown to a user; the preferences may then be left out. A reason helps the lead.",
            ScaleType.Binary, 0, 1, false, [new Anchor(0, "No: at least one response is acceptable"), new Anchor(1, "Yes: neither response is acceptable")]));
        return list;
    }

    /// <summary>The keys a stored pairwise rating may hold, for the rating row's scores.</summary>
    public static IReadOnlyList<string> StoredKeys(IReadOnlyList<Criterion> criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        return
        [
            .. criteria.Where(c => c.Scale == ScaleType.Ordinal).Select(c => c.Key),
            .. criteria.Where(c => c.Scale == ScaleType.Binary).SelectMany(c => new[] { StoredKey(c.Key, true), StoredKey(c.Key, false) }),
            BothKey,
        ];
    }

    /// <summary>Is "both unacceptable" answered yes in these (shown or stored) scores?</summary>
    public static bool BothUnacceptable(IReadOnlyDictionary<string, int> scores) => scores.TryGetValue(BothKey, out var v) && v == 1;

    /// <summary>Every required answer given and on its scale, no unknown key (<see cref="ScoreValidation"/> over <see cref="Shown"/>), and a flag with its reason.</summary>
    public static RuleResult Validate(IReadOnlyList<Criterion> criteria, IReadOnlyDictionary<string, int> shown, bool flagged, string? flagReason) =>
        ScoreValidation.Validate(Shown(criteria, BothUnacceptable(shown)), shown, flagged, flagReason);

    /// <summary>
    /// Shown scores (keyed as on screen) into the versions' frame: a preference 1–5 becomes −2 … +2 favouring B
    /// (<see cref="DisplayOrder.ToBScale"/>); "safety.1" becomes the key of the version shown on the left.
    /// </summary>
    public static Dictionary<string, int> ToStored(IReadOnlyList<Criterion> criteria, IReadOnlyDictionary<string, int> shown, bool aOnLeft) =>
        Map(criteria, shown, aOnLeft, toStored: true, (v, ordinal) => ordinal ? DisplayOrder.ToBScale(v - Same, aOnLeft) : v);

    /// <summary>The inverse of <see cref="ToStored"/>: a stored rating's scores as its evaluator saw them, for the change page.</summary>
    public static Dictionary<string, int> ToShown(IReadOnlyList<Criterion> criteria, IReadOnlyDictionary<string, int> stored, bool aOnLeft) =>
        Map(criteria, stored, aOnLeft, toStored: false, (v, ordinal) => ordinal ? DisplayOrder.ToBScale(v, aOnLeft) + Same : v);

    /// <summary>Comments (or anything keyed like the scores) moved between the frames: only the keys change.</summary>
    public static Dictionary<string, T> KeysToStored<T>(IReadOnlyList<Criterion> criteria, IReadOnlyDictionary<string, T> shown, bool aOnLeft) =>
        Map(criteria, shown, aOnLeft, toStored: true, (v, _) => v);

    /// <summary>The inverse of <see cref="KeysToStored{T}"/>.</summary>
    public static Dictionary<string, T> KeysToShown<T>(IReadOnlyList<Criterion> criteria, IReadOnlyDictionary<string, T> stored, bool aOnLeft) =>
        Map(criteria, stored, aOnLeft, toStored: false, (v, _) => v);

    private static Dictionary<string, T> Map<T>(IReadOnlyList<Criterion> criteria, IReadOnlyDictionary<string, T> from, bool aOnLeft, bool toStored, Func<T, bool, T> value)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(from);
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (key, v) in from)
        {
            if (criteria.Any(c => c.Key == key && c.Scale == ScaleType.Ordinal))
            {
                result[key] = value(v, true);
                continue;
            }

            var dot = key.LastIndexOf('.');
            var binary = dot > 0 ? criteria.FirstOrDefault(c => c.Scale == ScaleType.Binary && c.Key == key[..dot]) : null;
            if (binary is null)
            {
                result[key] = value(v, false);
                continue;
            }

            var side = key[(dot + 1)..];
            var forA = toStored ? (side == "1") == aOnLeft : side == "a";
            result[toStored ? StoredKey(binary.Key, forA) : ShownKey(binary.Key, forA == aOnLeft ? 1 : 2)] = value(v, false);
        }

        return result;
    }
}
