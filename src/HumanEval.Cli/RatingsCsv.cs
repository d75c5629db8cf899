using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using HumanEval.Core.Agreement;

namespace HumanEval.Cli;

/// <summary>A problem in an input file, with the file and line it is on.</summary>
public sealed class InputException(string message) : Exception(message);

/// <summary>
/// Reads <c>item_id,rater_id,criterion,score</c> (ratings) and <c>item_id,criterion,judge_score</c> (judge) files
/// into a <see cref="RatingSetBuilder"/>. Extra columns are ignored; an empty score is a missing rating.
/// </summary>
public static class RatingsCsv
{
    private static readonly string[] RatingColumns = ["item_id", "rater_id", "criterion", "score"];
    private static readonly string[] JudgeColumns = ["item_id", "criterion", "judge_score"];

    public static void ReadRatings(string path, RatingSetBuilder builder)
    {
        Read(path, RatingColumns, (line, fields) =>
        {
            var (item, rater, criterion, scoreText) = (fields[0], fields[1], fields[2], fields[3]);
            RequireId(path, line, "item_id", item);
            RequireId(path, line, "rater_id", rater);
            RequireId(path, line, "criterion", criterion);
            double? score = string.IsNullOrWhiteSpace(scoreText) ? null : ParseScore(path, line, "score", scoreText);
            if (!builder.TryAdd(item, rater, criterion, score))
            {
                throw new InputException($"{path} line {line}: duplicate rating for item_id '{item}', rater_id '{rater}', criterion '{criterion}'");
            }
        });
    }

    public static void ReadJudge(string path, RatingSetBuilder builder)
    {
        Read(path, JudgeColumns, (line, fields) =>
        {
            var (item, criterion, scoreText) = (fields[0], fields[1], fields[2]);
            RequireId(path, line, "item_id", item);
            RequireId(path, line, "criterion", criterion);
            if (string.IsNullOrWhiteSpace(scoreText))
            {
                return;
            }

            if (!builder.TryAddJudge(item, criterion, ParseScore(path, line, "judge_score", scoreText)))
            {
                throw new InputException($"{path} line {line}: duplicate judge score for item_id '{item}', criterion '{criterion}'");
            }
        });
    }

    private static void Read(string path, string[] columns, Action<long, string[]> row)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{path}: file not found");
        }

        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = args => throw new InputException($"{path} line {args.Context.Parser?.RawRow}: malformed CSV field"),
            DetectColumnCountChanges = false,
        };
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvParser(reader, config);
        if (!parser.Read())
        {
            throw new InputException($"{path}: the file is empty; expected a header with {string.Join(",", columns)}");
        }

        var header = parser.Record!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var duplicate = header.Where(h => h.Length > 0).GroupBy(h => h).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            // "Score" and "score" both present: reading one silently would be a guess.
            throw new InputException($"{path} line 1: column '{duplicate.Key}' appears more than once (names are compared ignoring case)");
        }

        var positions = new int[columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            positions[c] = Array.IndexOf(header, columns[c]);
            if (positions[c] < 0)
            {
                throw new InputException($"{path} line 1: missing column '{columns[c]}' (the header must have {string.Join(",", columns)})");
            }
        }

        var needed = positions.Max() + 1;
        var fields = new string[columns.Length];
        var nextStart = parser.RawRow + 1;
        while (parser.Read())
        {
            var line = parser.RawRow;
            var start = nextStart;
            nextStart = line + 1;
            if (line > start && parser.RawRecord.Count(ch => ch == '"') % 2 == 1)
            {
                // The parser ran to the end of the file inside quotes: the error is where the quote opened.
                throw new InputException($"{path} line {start}: a quoted field opened on this line is never closed");
            }

            if (parser.Count == 1 && string.IsNullOrWhiteSpace(parser[0]))
            {
                continue;
            }

            if (parser.Count < needed)
            {
                throw new InputException($"{path} line {line}: {parser.Count} fields, expected at least {needed}");
            }

            for (var c = 0; c < columns.Length; c++)
            {
                fields[c] = parser[positions[c]].Trim();
            }

            row(line, fields);
        }
    }

    private static void RequireId(string path, long line, string column, string value)
    {
        if (value.Length == 0)
        {
            throw new InputException($"{path} line {line}: {column} is empty");
        }
    }

    private static double ParseScore(string path, long line, string column, string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new InputException($"{path} line {line}: {column} '{text}' is not a number");
        }

        return value;
    }
}
