using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using CsvHelper.Configuration;

namespace HumanEval.Core.Import;

public sealed record JudgeRow(int Line, string ExternalId, string Criterion, double Score, string JudgeModel, string JudgePromptVersion, string? Rationale);

public sealed record ParsedJudgeFile(IReadOnlyList<JudgeRow> Rows, IReadOnlyList<ImportError> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>
/// Judge scores from CSV or JSONL: <c>external_id</c>, <c>criterion</c>, <c>score</c> (required), optional
/// <c>judge_model</c>, <c>judge_prompt_version</c>, <c>rationale</c>. Validated completely, like example files, with
/// their limits: at most <see cref="ExampleFile.MaxRows"/> rows (reading stops there, so a huge file cannot fill the
/// server's memory), ids and judge names of at most 200 characters, rationales of at most 200,000, and the first
/// <see cref="ExampleFile.MaxErrorsListed"/> errors listed.
/// </summary>
public static class JudgeFile
{
    /// <summary>Reads a file from disk: invalid UTF-8 is reported by line and byte offset and nothing is read.</summary>
    public static ParsedJudgeFile ReadFile(string path, ExampleFormat format) =>
        Utf8Check.ReadFile(path, reader => Read(reader, format), errors => new ParsedJudgeFile([], errors));

    public static ParsedJudgeFile Read(TextReader reader, ExampleFormat format)
    {
        var rows = new List<JudgeRow>();
        var errors = new List<ImportError>();
        var seen = new HashSet<(string, string, string, string)>();

        var full = false; // the row cap or the error list is full: stop reading

        void Add(int line, Func<string, string?> field)
        {
            if (rows.Count >= ExampleFile.MaxRows)
            {
                errors.Add(new ImportError(line, "(file)", $"more than {ExampleFile.MaxRows:N0} rows; split the file"));
                full = true;
                return;
            }

            var id = field("external_id")?.Trim();
            var criterion = field("criterion")?.Trim();
            var scoreText = field("score")?.Trim();
            var model = field("judge_model")?.Trim();
            var prompt = field("judge_prompt_version")?.Trim();
            var before = errors.Count;
            if (string.IsNullOrEmpty(id))
            {
                errors.Add(new ImportError(line, "external_id", "is required"));
            }

            if (string.IsNullOrEmpty(criterion))
            {
                errors.Add(new ImportError(line, "criterion", "is required"));
            }

            double score = 0;
            if (string.IsNullOrEmpty(scoreText))
            {
                errors.Add(new ImportError(line, "score", "is required"));
            }
            else if (!double.TryParse(scoreText, NumberStyles.Float, CultureInfo.InvariantCulture, out score) || !double.IsFinite(score))
            {
                errors.Add(new ImportError(line, "score", $"'{scoreText}' is not a number"));
            }

            if (id?.Length > ExampleFile.MaxIdLength)
            {
                errors.Add(new ImportError(line, "external_id", $"is longer than {ExampleFile.MaxIdLength} characters"));
            }

            if (criterion?.Length > ExampleFile.MaxIdLength)
            {
                errors.Add(new ImportError(line, "criterion", $"is longer than {ExampleFile.MaxIdLength} characters"));
            }

            if (model?.Length > ExampleFile.MaxTagLength || prompt?.Length > ExampleFile.MaxTagLength)
            {
                errors.Add(new ImportError(line, "judge_model", $"judge_model and judge_prompt_version are at most {ExampleFile.MaxTagLength} characters"));
            }

            if (field("rationale")?.Length > ExampleFile.MaxTextLength)
            {
                errors.Add(new ImportError(line, "rationale", $"is longer than {ExampleFile.MaxTextLength:N0} characters"));
            }

            full |= errors.Count >= ExampleFile.MaxErrorsListed;
            if (errors.Count > before)
            {
                return;
            }

            model = string.IsNullOrEmpty(model) ? "judge" : model;
            prompt = string.IsNullOrEmpty(prompt) ? "default" : prompt;
            if (!seen.Add((id!, criterion!, model, prompt)))
            {
                errors.Add(new ImportError(line, "external_id", $"duplicate score for '{id}', criterion '{criterion}', judge {model}/{prompt}"));
                return;
            }

            var rationale = field("rationale");
            rows.Add(new JudgeRow(line, id!, criterion!, score, model, prompt, string.IsNullOrWhiteSpace(rationale) ? null : rationale));
        }

        if (format == ExampleFormat.Jsonl)
        {
            var line = 0;
            while (!full && reader.ReadLine() is { } text)
            {
                line++;
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                if (JsonLine.Parse(text, out var problem) is not { } obj)
                {
                    errors.Add(new ImportError(line, problem!.Field, problem.Message));
                    full |= errors.Count >= ExampleFile.MaxErrorsListed;
                    continue;
                }

                Add(line, name => obj[name] switch
                {
                    null => null,
                    JsonValue v when v.TryGetValue<string>(out var s) => s,
                    JsonValue v => v.ToJsonString(),
                    _ => null,
                });
            }
        }
        else
        {
            using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { DetectColumnCountChanges = false, BadDataFound = null });
            if (!parser.Read())
            {
                return new ParsedJudgeFile([], [new ImportError(1, "(header)", "the file is empty; expected a header with external_id,criterion,score")]);
            }

            var header = parser.Record!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
            foreach (var required in new[] { "external_id", "criterion", "score" })
            {
                if (!header.Contains(required))
                {
                    errors.Add(new ImportError(1, required, "column is missing from the header"));
                }
            }

            if (errors.Count > 0)
            {
                return new ParsedJudgeFile([], errors);
            }

            while (!full && parser.Read())
            {
                if (parser.Count == 1 && string.IsNullOrWhiteSpace(parser[0]))
                {
                    continue;
                }

                var record = parser.Record!;
                Add((int)parser.RawRow, name => Array.IndexOf(header, name) is var i and >= 0 && i < record.Length ? record[i] : null);
            }
        }

        return new ParsedJudgeFile(rows, errors.Take(ExampleFile.MaxErrorsListed).ToList());
    }
}
