using System.Globalization;
using HumanEval.Core.Agreement;
using HumanEval.Core.Import;
using nietras.SeparatedValues;

namespace HumanEval.Cli;

/// <summary>The version-comparison file of <c>humaneval compare</c> (the same reader and rules as the other files).</summary>
public static partial class RatingsCsv
{
    /// <summary>
    /// Reads a ratings file for <c>humaneval compare</c>: the rating columns plus the version column <paramref name="by"/>,
    /// and, when the file has them, <paramref name="pairBy"/> (which inputs were rated under both versions) and
    /// <c>rated_at</c> (ISO 8601, UTC unless it says otherwise) for the 72-hour rule. An example under two versions, an
    /// empty version or a bad time is an error naming its line; an empty score is a missing rating.
    /// </summary>
    /// <returns>The ratings, and whether the file had the pair and time columns.</returns>
    public static (List<HumanEval.Core.Decisions.ComparedRating> Ratings, bool HasPairs, bool HasTimes) ReadComparison(string path, string by, string pairBy)
    {
        var list = new List<HumanEval.Core.Decisions.ComparedRating>();
        var seen = new Dictionary<string, (string Version, long Line)>(StringComparer.Ordinal);
        var keys = new HashSet<(string, string, string)>();
        bool hasPairs = false, hasTimes = false;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string Intern(ReadOnlySpan<char> s)
        {
            var lookup = names.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(s, out var text))
            {
                text = s.ToString();
                names[text] = text;
            }

            return text;
        }

        Read(path, [.. RatingColumns, by], [pairBy, "rated_at"], RatingAliases, (long line, scoped in Fields fields) =>
        {
            var item = fields.Get(0, line);
            var rater = fields.Get(1, line);
            var criterion = fields.Get(2, line);
            var scoreText = fields.Get(3, line);
            var version = fields.Get(4, line);
            RequireId(path, line, "item_id", item);
            RequireId(path, line, "rater_id", rater);
            RequireId(path, line, "criterion", criterion);
            RequireId(path, line, by, version);
            var id = Intern(item);
            var v = Intern(version);
            if (seen.TryGetValue(id, out var first) && first.Version != v)
            {
                throw new InputException($"{path} line {line}: item_id '{id}' has {by} '{v}', but line {first.Line} gave it '{first.Version}' (an example belongs to one version)");
            }

            seen.TryAdd(id, (v, line));
            if (scoreText.IsWhiteSpace())
            {
                return;
            }

            var score = ParseScore(path, line, "score", scoreText);
            var (e, c) = (Intern(rater), Intern(criterion));
            if (!keys.Add((id, e, c)))
            {
                throw new InputException($"{path} line {line}: duplicate rating for item_id '{id}', rater_id '{e}', criterion '{c}'");
            }

            var pair = fields.Get(5, line);
            var ratedAt = RatedAt(path, line, fields.Get(6, line));
            hasTimes |= ratedAt is not null;

            hasPairs |= !pair.IsEmpty;
            list.Add(new HumanEval.Core.Decisions.ComparedRating(id, v, e, c, score, pair.IsEmpty ? null : Intern(pair), ratedAt));
        });
        return (list, hasPairs, hasTimes);
    }
}
