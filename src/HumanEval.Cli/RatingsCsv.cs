using System.Globalization;
using HumanEval.Core.Agreement;
using HumanEval.Core.Import;
using nietras.SeparatedValues;

namespace HumanEval.Cli;

/// <summary>A problem in an input file, with the file and line it is on.</summary>
public sealed class InputException(string message) : Exception(message);

/// <summary>
/// Reads <c>item_id,rater_id,criterion,score</c> (ratings) and <c>item_id,criterion,judge_score</c> (judge) files
/// into a <see cref="RatingSetBuilder"/>. Extra columns are ignored; an empty score is a missing rating.
/// </summary>
/// <remarks>
/// Sep splits rows and columns on spans of its own buffer (no string per field); ids become strings only the first
/// time they are seen (<see cref="RatingSetBuilder"/>'s span lookups). Sep is lenient where a CSV is broken, so the
/// checks it does not make are made here: the file must be UTF-8 (<see cref="Utf8Check"/>, each bad line named), a
/// quote that is never closed is reported on the line where it opened (Sep would read to the end of the file), and a
/// field with a stray quote (<c>to"ne</c>, <c>"a"b</c>) is malformed. Fields are trimmed; <c>""</c> inside a quoted
/// field is one quote.
/// </remarks>
public static partial class RatingsCsv
{
    private static readonly string[] RatingColumns = ["item_id", "rater_id", "criterion", "score"];
    private static readonly string[] JudgeColumns = ["item_id", "criterion", "judge_score"];

    /// <summary>
    /// Other names users' files already have for these columns: the app's import and judge files call the item
    /// <c>external_id</c> and a judge's score <c>score</c>; the workbook's Ratings sheet calls the rater <c>evaluator</c>.
    /// Giving both names of one column is an error.
    /// </summary>
    private static readonly Dictionary<string, string> RatingAliases = new(StringComparer.Ordinal) { ["external_id"] = "item_id", ["evaluator"] = "rater_id" };
    private static readonly Dictionary<string, string> JudgeAliases = new(StringComparer.Ordinal) { ["external_id"] = "item_id", ["score"] = "judge_score" };

    public static void ReadRatings(string path, RatingSetBuilder builder)
    {
        Read(path, RatingColumns, RatingAliases, (long line, scoped in Fields fields) =>
        {
            var item = fields.Get(0, line);
            var rater = fields.Get(1, line);
            var criterion = fields.Get(2, line);
            var scoreText = fields.Get(3, line);
            RequireId(path, line, "item_id", item);
            RequireId(path, line, "rater_id", rater);
            RequireId(path, line, "criterion", criterion);
            double? score = scoreText.IsWhiteSpace() ? null : ParseScore(path, line, "score", scoreText);
            if (!builder.TryAdd(item, rater, criterion, score))
            {
                throw new InputException($"{path} line {line}: duplicate rating for item_id '{item}', rater_id '{rater}', criterion '{criterion}'");
            }
        });
    }

    public static void ReadJudge(string path, RatingSetBuilder builder)
    {
        Read(path, JudgeColumns, JudgeAliases, (long line, scoped in Fields fields) =>
        {
            var item = fields.Get(0, line);
            var criterion = fields.Get(1, line);
            var scoreText = fields.Get(2, line);
            RequireId(path, line, "item_id", item);
            RequireId(path, line, "criterion", criterion);
            if (scoreText.IsWhiteSpace())
            {
                return;
            }

            if (!builder.TryAddJudge(item, criterion, ParseScore(path, line, "judge_score", scoreText)))
            {
                throw new InputException($"{path} line {line}: duplicate judge score for item_id '{item}', criterion '{criterion}'");
            }
        });
    }

    /// <summary>A <c>rated_at</c> field: empty is no time; otherwise ISO 8601, UTC unless it says otherwise.</summary>
    private static DateTime? RatedAt(string path, long line, ReadOnlySpan<char> text) =>
        text.IsEmpty ? null
        : DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed) ? parsed
        : throw new InputException($"{path} line {line}: rated_at '{text}' is not an ISO 8601 time such as 2026-12-03T14:05:00Z");

    private static bool? Flag(string path, long line, string column, ReadOnlySpan<char> text) => text switch
    {
        [] => null,
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw new InputException($"{path} line {line}: {column} '{text}' is not true or false"),
    };

    private delegate void RowHandler(long line, scoped in Fields fields);

    /// <summary>The wanted columns of one row, trimmed and unquoted.</summary>
    private readonly ref struct Fields(SepReader.Row row, int[] positions, string path)
    {
        private readonly SepReader.Row row = row;

        public ReadOnlySpan<char> Get(int column, long line)
        {
            if (positions[column] < 0 || positions[column] >= row.ColCount)
            {
                return []; // an optional column the file does not have, or a short row's missing trailing optional field
            }

            var raw = row[positions[column]].Span.Trim();
            return raw.Contains('"') ? Unquote(raw, path, line) : raw;
        }
    }

    private static ReadOnlySpan<char> Unquote(ReadOnlySpan<char> raw, string path, long line)
    {
        var inner = raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"' ? raw[1..^1] : [];
        if (inner.Length == 0 && raw is not ['"', '"'])
        {
            throw new InputException($"{path} line {line}: malformed CSV field {raw.ToString()} (a quote inside a field that is not quoted as a whole)");
        }

        if (!inner.Contains('"'))
        {
            return inner.Trim();
        }

        var text = inner.ToString();
        if (text.Replace("\"\"", "", StringComparison.Ordinal).Contains('"', StringComparison.Ordinal))
        {
            throw new InputException($"{path} line {line}: malformed CSV field {raw.ToString()} (a quote inside a quoted field must be doubled)");
        }

        return text.Replace("\"\"", "\"", StringComparison.Ordinal).AsSpan().Trim();
    }

    private static void Read(string path, string[] columns, Dictionary<string, string> aliases, RowHandler handle) =>
        Read(path, columns, [], aliases, handle);

    /// <summary>Reads the file; <paramref name="optional"/> columns may be absent (their fields read as empty).</summary>
    private static void Read(string path, string[] columns, string[] optional, Dictionary<string, string> aliases, RowHandler handle)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{path}: file not found");
        }

        Utf8Check.ReadFile<bool>(path, text =>
        {
            ReadText(path, text, columns, optional, aliases, handle);
            return true;
        }, errors => throw new InputException(string.Join(Environment.NewLine, errors.Select(e => $"{path} line {e.Line}: {e.Message}"))));
    }

    private static void ReadText(string path, TextReader text, string[] columns, string[] optional, Dictionary<string, string> aliases, RowHandler handle)
    {
        using var reader = Sep.Reader(o => o with { Sep = new Sep(','), HasHeader = false, DisableColCountCheck = true }).From(text);
        if (!reader.MoveNext())
        {
            throw new InputException($"{path}: the file is empty; expected a header with {string.Join(",", columns)}");
        }

        var headerRow = reader.Current;
        CheckQuotes(path, headerRow, 1); // the header is the file's first line (Sep numbers this first row from 2)
        var header = new string[headerRow.ColCount];
        for (var c = 0; c < header.Length; c++)
        {
            var name = headerRow[c].Span.Trim().Trim('"').Trim().ToString().ToLowerInvariant();
            header[c] = aliases.GetValueOrDefault(name, name);
        }

        var duplicate = header.Where(h => h.Length > 0).GroupBy(h => h).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            // "Score" and "score" both present: reading one silently would be a guess.
            var also = aliases.Where(a => a.Value == duplicate.Key).Select(a => a.Key).ToList();
            throw new InputException($"{path} line 1: column '{duplicate.Key}' appears more than once (names are compared ignoring case"
                + (also.Count > 0 ? $"; {string.Join(" and ", also)} is another name for it)" : ")"));
        }

        var positions = new int[columns.Length + optional.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            positions[c] = Array.IndexOf(header, columns[c]);
            if (positions[c] < 0)
            {
                throw new InputException($"{path} line 1: missing column '{columns[c]}' (the header must have {string.Join(",", columns)})");
            }
        }

        for (var c = 0; c < optional.Length; c++)
        {
            positions[columns.Length + c] = Array.IndexOf(header, optional[c]);
        }

        var needed = positions.Take(columns.Length).Max() + 1;
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            CheckQuotes(path, row, line);
            if (row.ColCount == 1 && row[0].Span.IsWhiteSpace())
            {
                continue; // a blank line
            }

            if (row.ColCount < needed)
            {
                throw new InputException($"{path} line {line}: {row.ColCount} fields, expected at least {needed}");
            }

            handle(line, new Fields(row, positions, path));
        }
    }

    /// <summary>An odd number of quotes in a row means a quote opened on its first line and the file ended inside it.</summary>
    private static void CheckQuotes(string path, SepReader.Row row, long line)
    {
        var span = row.Span;
        if (span.Contains('"') && span.Count('"') % 2 == 1)
        {
            throw new InputException($"{path} line {line}: a quoted field opened on this line is never closed");
        }
    }

    private static void RequireId(string path, long line, string column, ReadOnlySpan<char> value)
    {
        if (value.Length == 0)
        {
            throw new InputException($"{path} line {line}: {column} is empty");
        }
    }

    private static double ParseScore(string path, long line, string column, ReadOnlySpan<char> text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new InputException($"{path} line {line}: {column} '{text}' is not a number");
        }

        return value;
    }
}
