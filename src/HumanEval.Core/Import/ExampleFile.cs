using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using CsvHelper.Configuration;

namespace HumanEval.Core.Import;

/// <summary>One example read from an import file.</summary>
public sealed record ExampleRow(
    int Line, string ExternalId, string Input, string Output, string? Context, string? Reference, string? Model,
    string? PromptVersion, string? Metadata);

/// <summary>A problem with one line and field of an import file.</summary>
public sealed record ImportError(int Line, string Field, string Message)
{
    public override string ToString() => $"line {Line}, {Field}: {Message}";
}

public sealed record ParsedFile(IReadOnlyList<ExampleRow> Rows, IReadOnlyList<ImportError> Errors, bool Truncated)
{
    public bool Ok => Errors.Count == 0;
}

public enum ExampleFormat
{
    Csv,
    Jsonl,
}

/// <summary>
/// Reads examples from CSV (header row) or JSON Lines, streaming. Validation is complete and all-or-nothing: every
/// bad line is reported with its field; the caller imports nothing unless <see cref="ParsedFile.Ok"/>.
/// Fields: external_id, input, output (required); context, reference, model, prompt_version, metadata (a JSON object);
/// any other column or property is kept in metadata.
/// </summary>
public static class ExampleFile
{
    public const int MaxRows = 200_000;
    public const int MaxIdLength = 200;
    public const int MaxTagLength = 200;
    public const int MaxTextLength = 200_000;
    public const int MaxErrorsListed = 200;

    private static readonly string[] Known = ["external_id", "input", "output", "context", "reference", "model", "prompt_version", "metadata"];

    public static ExampleFormat FormatOf(string fileName) =>
        fileName.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)
            ? ExampleFormat.Jsonl
            : ExampleFormat.Csv;

    /// <summary>Reads a file from disk: invalid UTF-8 is reported by line and byte offset and nothing is read.</summary>
    public static ParsedFile ReadFile(string path, ExampleFormat format) =>
        Utf8Check.ReadFile(path, reader => Read(reader, format), errors => new ParsedFile([], errors, errors.Count >= MaxErrorsListed));

    public static ParsedFile Read(TextReader reader, ExampleFormat format) =>
        format == ExampleFormat.Jsonl ? ReadJsonl(reader) : ReadCsv(reader);

    private sealed class Collector
    {
        public List<ExampleRow> Rows { get; } = [];

        public List<ImportError> Errors { get; } = [];

        public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);

        public bool Truncated { get; set; }

        public void Error(int line, string field, string message)
        {
            if (Errors.Count < MaxErrorsListed)
            {
                Errors.Add(new ImportError(line, field, message));
            }
            else
            {
                Truncated = true;
            }
        }

        public void Add(int line, IReadOnlyDictionary<string, string?> fields, JsonObject extra, JsonObject? metadata)
        {
            var before = Errors.Count;
            var id = Required(line, fields, "external_id", MaxIdLength);
            var input = Required(line, fields, "input", MaxTextLength);
            var output = Required(line, fields, "output", MaxTextLength);
            var context = Optional(line, fields, "context", MaxTextLength);
            var reference = Optional(line, fields, "reference", MaxTextLength);
            var model = Optional(line, fields, "model", MaxTagLength);
            var prompt = Optional(line, fields, "prompt_version", MaxTagLength);
            if (id is not null && !Ids.Add(id))
            {
                Error(line, "external_id", $"duplicate id '{id}' (it appears earlier in the file)");
            }

            if (Rows.Count + 1 > MaxRows)
            {
                Error(line, "(file)", $"more than {MaxRows:N0} rows; split the file");
                return;
            }

            if (Errors.Count > before || id is null)
            {
                return;
            }

            var meta = metadata ?? new JsonObject();
            foreach (var (key, value) in extra)
            {
                meta[key] = value?.DeepClone();
            }

            Rows.Add(new ExampleRow(line, id, input!, output!, context, reference, model, prompt, meta.Count == 0 ? null : meta.ToJsonString()));
        }

        private string? Required(int line, IReadOnlyDictionary<string, string?> fields, string name, int max)
        {
            var value = fields.GetValueOrDefault(name);
            if (string.IsNullOrWhiteSpace(value))
            {
                Error(line, name, "is required");
                return null;
            }

            return Length(line, name, value, max);
        }

        private string? Optional(int line, IReadOnlyDictionary<string, string?> fields, string name, int max)
        {
            var value = fields.GetValueOrDefault(name);
            return string.IsNullOrWhiteSpace(value) ? null : Length(line, name, value, max);
        }

        private string? Length(int line, string name, string value, int max)
        {
            if (value.Length > max)
            {
                Error(line, name, $"is too long ({value.Length:N0} characters; at most {max:N0})");
                return null;
            }

            return name is "external_id" or "model" or "prompt_version" ? value.Trim() : value;
        }
    }

    private static ParsedFile ReadCsv(TextReader reader)
    {
        var c = new Collector();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { DetectColumnCountChanges = false, BadDataFound = null };
        using var parser = new CsvParser(reader, config);
        if (!parser.Read())
        {
            c.Error(1, "(header)", "the file is empty; expected a header with external_id,input,output");
            return new ParsedFile([], c.Errors, false);
        }

        var header = parser.Record!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        foreach (var required in new[] { "external_id", "input", "output" })
        {
            if (!header.Contains(required))
            {
                c.Error(1, required, "column is missing from the header");
            }
        }

        if (c.Errors.Count > 0)
        {
            return new ParsedFile([], c.Errors, false);
        }

        while (parser.Read())
        {
            var line = (int)parser.RawRow;
            if (parser.Count == 1 && string.IsNullOrWhiteSpace(parser[0]))
            {
                continue;
            }

            var fields = new Dictionary<string, string?>();
            var extra = new JsonObject();
            JsonObject? metadata = null;
            for (var i = 0; i < header.Length; i++)
            {
                var value = i < parser.Count ? parser[i] : null;
                if (header[i] == "metadata")
                {
                    metadata = ParseMetadata(c, line, value);
                }
                else if (Known.Contains(header[i]))
                {
                    fields[header[i]] = value;
                }
                else if (!string.IsNullOrEmpty(value) && header[i].Length > 0)
                {
                    extra[header[i]] = value;
                }
            }

            c.Add(line, fields, extra, metadata);
        }

        return new ParsedFile(c.Rows, c.Errors, c.Truncated);
    }

    private static JsonObject? ParseMetadata(Collector c, int line, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(text) is JsonObject obj)
            {
                return obj;
            }
        }
        catch (JsonException)
        {
        }

        c.Error(line, "metadata", "must be a JSON object, e.g. {\"channel\":\"chat\"}");
        return null;
    }

    private static ParsedFile ReadJsonl(TextReader reader)
    {
        var c = new Collector();
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (JsonLine.Parse(text, out var problem) is not { } obj)
            {
                c.Error(line, problem!.Field, problem.Message);
                continue;
            }

            var fields = new Dictionary<string, string?>();
            var extra = new JsonObject();
            JsonObject? metadata = null;
            foreach (var (key, value) in obj)
            {
                var name = key.ToLowerInvariant();
                if (name == "metadata")
                {
                    if (value is JsonObject m)
                    {
                        metadata = (JsonObject)m.DeepClone();
                    }
                    else if (value is not null)
                    {
                        c.Error(line, "metadata", "must be a JSON object");
                    }
                }
                else if (Known.Contains(name))
                {
                    fields[name] = value switch
                    {
                        null => null,
                        JsonValue v when v.TryGetValue<string>(out var s) => s,
                        JsonValue v => v.ToJsonString(),
                        _ => null,
                    };
                    if (value is JsonObject or JsonArray)
                    {
                        c.Error(line, name, "must be text");
                    }
                }
                else
                {
                    extra[key] = value?.DeepClone();
                }
            }

            c.Add(line, fields, extra, metadata);
        }

        if (line == 0)
        {
            c.Error(1, "(file)", "the file is empty");
        }

        return new ParsedFile(c.Rows, c.Errors, c.Truncated);
    }
}
