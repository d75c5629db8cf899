using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using CsvHelper.Configuration;

namespace HumanEval.Core.Import;

/// <summary>One example read from an import file.</summary>
/// <remarks>In a pairwise file <paramref name="Output"/> is <c>output_a</c>; <paramref name="OutputB"/>,
/// <paramref name="VersionA"/> and <paramref name="VersionB"/> are set there and null in an absolute one.</remarks>
public sealed record ExampleRow(
    int Line, string ExternalId, string Input, string Output, string? Context, string? Reference, string? Model,
    string? PromptVersion, string? Metadata, string? OutputB = null, string? VersionA = null, string? VersionB = null);

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
/// any other column or property is kept in metadata. A pairwise campaign's file has output_a, output_b, version_a and
/// version_b (required; the two versions differ) instead of output.
/// </summary>
public static class ExampleFile
{
    public const int MaxRows = 200_000;
    public const int MaxIdLength = 200;
    public const int MaxTagLength = 200;
    public const int MaxTextLength = 200_000;
    public const int MaxErrorsListed = 200;

    internal static readonly string[] Known =
        ["external_id", "input", "output", "context", "reference", "model", "prompt_version", "metadata", "output_a", "output_b", "version_a", "version_b"];

    /// <summary>The columns a file for this kind of campaign must have.</summary>
    public static IReadOnlyList<string> RequiredColumns(Campaigns.CampaignKind kind) => kind == Campaigns.CampaignKind.Pairwise
        ? ["external_id", "input", "output_a", "output_b", "version_a", "version_b"]
        : ["external_id", "input", "output"];

    /// <summary>The columns that belong to the other kind of campaign (refused, so a file never lands in the wrong one half-read).</summary>
    internal static IReadOnlyList<string> OtherKindColumns(Campaigns.CampaignKind kind) => kind == Campaigns.CampaignKind.Pairwise
        ? ["output"]
        : ["output_a", "output_b", "version_a", "version_b"];

    public static ExampleFormat FormatOf(string fileName) =>
        fileName.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)
            ? ExampleFormat.Jsonl
            : ExampleFormat.Csv;

    /// <summary>Reads a file from disk: invalid UTF-8 is reported by line and byte offset and nothing is read.</summary>
    public static ParsedFile ReadFile(string path, ExampleFormat format, Campaigns.CampaignKind kind = Campaigns.CampaignKind.Absolute) =>
        Utf8Check.ReadFile(path, reader => Read(reader, format, kind), errors => new ParsedFile([], errors, errors.Count >= MaxErrorsListed));

    public static ParsedFile Read(TextReader reader, ExampleFormat format, Campaigns.CampaignKind kind = Campaigns.CampaignKind.Absolute) =>
        format == ExampleFormat.Jsonl ? ReadJsonl(reader, kind) : ReadCsv(reader, kind);

    private static ParsedFile ReadCsv(TextReader reader, Campaigns.CampaignKind kind)
    {
        var c = new ExampleRowCollector(kind);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { DetectColumnCountChanges = false, BadDataFound = null };
        using var parser = new CsvParser(reader, config);
        if (!parser.Read())
        {
            c.Error(1, "(header)", $"the file is empty; expected a header with {string.Join(',', RequiredColumns(kind))}");
            return new ParsedFile([], c.Errors, false);
        }

        var header = parser.Record!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        foreach (var required in RequiredColumns(kind).Where(r => !header.Contains(r)))
        {
            c.Error(1, required, "column is missing from the header");
        }

        foreach (var other in OtherKindColumns(kind).Where(header.Contains))
        {
            c.Error(1, other, ExampleRowCollector.WrongKind(kind, other));
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

    private static JsonObject? ParseMetadata(ExampleRowCollector c, int line, string? text)
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

    private static ParsedFile ReadJsonl(TextReader reader, Campaigns.CampaignKind kind)
    {
        var c = new ExampleRowCollector(kind);
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
