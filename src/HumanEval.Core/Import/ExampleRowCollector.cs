using System.Text.Json.Nodes;
using HumanEval.Core.Campaigns;

namespace HumanEval.Core.Import;

/// <summary>Collects the rows of one import file with every problem by line and field (all-or-nothing: the caller imports nothing when any).</summary>
internal sealed class ExampleRowCollector(CampaignKind kind)
{
    public List<ExampleRow> Rows { get; } = [];

    public List<ImportError> Errors { get; } = [];

    public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);

    public bool Truncated { get; set; }

    public void Error(int line, string field, string message)
    {
        if (Errors.Count < ExampleFile.MaxErrorsListed)
        {
            Errors.Add(new ImportError(line, field, message));
        }
        else
        {
            Truncated = true;
        }
    }

    /// <summary>The message for a column that belongs to the other kind of campaign.</summary>
    public static string WrongKind(CampaignKind kind, string column) => kind == CampaignKind.Pairwise
        ? $"a pairwise campaign compares two outputs: use output_a and output_b instead of {column}"
        : $"{column} belongs to a pairwise campaign's file; this campaign is absolute (one output per example)";

    public void Add(int line, IReadOnlyDictionary<string, string?> fields, JsonObject extra, JsonObject? metadata)
    {
        var before = Errors.Count;
        var pairwise = kind == CampaignKind.Pairwise;
        var id = Required(line, fields, "external_id", ExampleFile.MaxIdLength);
        var input = Required(line, fields, "input", ExampleFile.MaxTextLength);
        var output = Required(line, fields, pairwise ? "output_a" : "output", ExampleFile.MaxTextLength);
        var outputB = pairwise ? Required(line, fields, "output_b", ExampleFile.MaxTextLength) : null;
        var versionA = pairwise ? Required(line, fields, "version_a", ExampleFile.MaxTagLength) : null;
        var versionB = pairwise ? Required(line, fields, "version_b", ExampleFile.MaxTagLength) : null;
        if (versionA is not null && versionA == versionB)
        {
            Error(line, "version_b", $"is the same as version_a ('{versionA}'); a pair compares two versions");
        }

        foreach (var other in ExampleFile.OtherKindColumns(kind).Where(o => !string.IsNullOrWhiteSpace(fields.GetValueOrDefault(o))))
        {
            Error(line, other, WrongKind(kind, other));
        }

        var context = Optional(line, fields, "context", ExampleFile.MaxTextLength);
        var reference = Optional(line, fields, "reference", ExampleFile.MaxTextLength);
        var model = Optional(line, fields, "model", ExampleFile.MaxTagLength);
        var prompt = Optional(line, fields, "prompt_version", ExampleFile.MaxTagLength);
        if (id is not null && !Ids.Add(id))
        {
            Error(line, "external_id", $"duplicate id '{id}' (it appears earlier in the file)");
        }

        if (Rows.Count + 1 > ExampleFile.MaxRows)
        {
            Error(line, "(file)", $"more than {ExampleFile.MaxRows:N0} rows; split the file");
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

        Rows.Add(new ExampleRow(line, id, input!, output!, context, reference, model, prompt, meta.Count == 0 ? null : meta.ToJsonString(), outputB, versionA, versionB));
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

        return name is "external_id" or "model" or "prompt_version" or "version_a" or "version_b" ? value.Trim() : value;
    }
}
