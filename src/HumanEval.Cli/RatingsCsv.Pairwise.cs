using System.Globalization;
using HumanEval.Core.Agreement;
using HumanEval.Core.Import;
using nietras.SeparatedValues;

namespace HumanEval.Cli;

/// <summary>The pairwise files of <c>humaneval compare --pairwise</c>: ratings and judge verdicts (the same reader and rules as the other files).</summary>
public static partial class RatingsCsv
{
    /// <summary>
    /// Reads a pairwise ratings file: <c>item_id,rater_id,criterion,preference,version_a,version_b</c>, preference −2 (A
    /// much better) … +2 (B much better), and optionally <c>both_unacceptable</c> (true/false), <c>a_on_left</c> (which
    /// output was shown as Response 1, for the position-bias check) and <c>rated_at</c>. An example whose versions
    /// change between lines, a preference outside −2 … +2 or a bad flag is an error naming its line.
    /// </summary>
    public static List<HumanEval.Core.Pairwise.PairwiseRating> ReadPairwise(string path)
    {
        var list = new List<HumanEval.Core.Pairwise.PairwiseRating>();
        var seen = new Dictionary<string, (string A, string B, long Line)>(StringComparer.Ordinal);
        var keys = new HashSet<(string, string, string)>();
        Read(path, ["item_id", "rater_id", "criterion", "preference", "version_a", "version_b"], ["both_unacceptable", "a_on_left", "rated_at"], RatingAliases,
            (long line, scoped in Fields fields) =>
            {
                var item = fields.Get(0, line).ToString();
                var rater = fields.Get(1, line).ToString();
                var criterion = fields.Get(2, line).ToString();
                var a = fields.Get(4, line).ToString();
                var b = fields.Get(5, line).ToString();
                RequireId(path, line, "item_id", item);
                RequireId(path, line, "rater_id", rater);
                RequireId(path, line, "criterion", criterion);
                RequireId(path, line, "version_a", a);
                RequireId(path, line, "version_b", b);
                if (a == b)
                {
                    throw new InputException($"{path} line {line}: version_a and version_b are both '{a}'");
                }

                if (seen.TryGetValue(item, out var first) && (first.A, first.B) != (a, b))
                {
                    throw new InputException($"{path} line {line}: item_id '{item}' compares '{a}' with '{b}', but line {first.Line} gave '{first.A}' with '{first.B}'");
                }

                seen.TryAdd(item, (a, b, line));
                var text = fields.Get(3, line);
                if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var preference) || preference is < -2 or > 2)
                {
                    throw new InputException($"{path} line {line}: preference '{text}' is not a whole number from -2 (A much better) to 2 (B much better)");
                }

                if (!keys.Add((item, rater, criterion)))
                {
                    throw new InputException($"{path} line {line}: duplicate rating for item_id '{item}', rater_id '{rater}', criterion '{criterion}'");
                }

                var both = Flag(path, line, "both_unacceptable", fields.Get(6, line)) ?? false;
                var left = Flag(path, line, "a_on_left", fields.Get(7, line));
                list.Add(new HumanEval.Core.Pairwise.PairwiseRating(item, a, b, rater, criterion, preference, both, left, RatedAt(path, line, fields.Get(8, line))));
            });
        return list;
    }

    /// <summary>
    /// Reads a pairwise judge file: <c>item_id,criterion,judge_preference</c> on the same −2 (A much better) … +2 (B much
    /// better) scale; one verdict per example and criterion.
    /// </summary>
    public static Dictionary<(string Item, string Criterion), int> ReadPairwiseJudge(string path)
    {
        var verdicts = new Dictionary<(string, string), int>();
        Read(path, ["item_id", "criterion", "judge_preference"], [], new Dictionary<string, string>(StringComparer.Ordinal), (long line, scoped in Fields fields) =>
        {
            var item = fields.Get(0, line).ToString();
            var criterion = fields.Get(1, line).ToString();
            RequireId(path, line, "item_id", item);
            RequireId(path, line, "criterion", criterion);
            var text = fields.Get(2, line);
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var preference) || preference is < -2 or > 2)
            {
                throw new InputException($"{path} line {line}: judge_preference '{text}' is not a whole number from -2 (A much better) to 2 (B much better)");
            }

            if (!verdicts.TryAdd((item, criterion), preference))
            {
                throw new InputException($"{path} line {line}: duplicate judge verdict for item_id '{item}', criterion '{criterion}'");
            }
        });
        return verdicts;
    }
}
