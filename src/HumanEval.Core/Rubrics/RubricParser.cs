using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HumanEval.Core.Rubrics;

/// <summary>
/// Reads a rubric file (JSON) and validates it completely, reporting every problem with its path and line.
/// </summary>
public static partial class RubricParser
{
    public const int MaxLevels = 11;

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly string[] RootFields = ["name", "description", "guidelines", "criteria"];
    private static readonly string[] CriterionFields = ["key", "label", "description", "scale", "min", "max", "required", "anchors"];

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex KeyPattern();

    /// <summary>Parses one rubric. <paramref name="key"/> is the rubric's identity (its file name without extension).</summary>
    /// <exception cref="RubricException">The content is not a valid rubric; the message lists every problem.</exception>
    public static Rubric Parse(string key, string fileName, string content)
    {
        // Line endings must not make a new version: a Windows checkout of the same file is the same rubric.
        var normalized = content.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        var bytes = Encoding.UTF8.GetBytes(normalized);
        var problems = new List<RubricProblem>();

        if (!KeyPattern().IsMatch(key))
        {
            problems.Add(new RubricProblem("(file name)", null,
                $"rubric key '{key}' must be lower-case letters, digits and underscores, starting with a letter"));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
        }
        catch (JsonException ex)
        {
            problems.Add(new RubricProblem("(syntax)", (int?)ex.LineNumber + 1,
                $"not valid JSON: {FirstSentence(ex.Message)}"));
            throw new RubricException(fileName, problems);
        }

        using (document)
        {
            var lines = JsonLineMap.Build(bytes, ReaderOptions);
            var context = new RubricReadContext(problems, lines);
            var rubric = ReadRubric(key, document.RootElement, context, Hash(bytes));
            if (problems.Count > 0 || rubric is null)
            {
                throw new RubricException(fileName, problems);
            }

            return rubric;
        }
    }

    /// <summary>SHA-256 of the normalised content, lower-case hex.</summary>
    public static string Hash(byte[] normalizedUtf8) => Convert.ToHexStringLower(SHA256.HashData(normalizedUtf8));

    private static Rubric? ReadRubric(string key, JsonElement root, RubricReadContext ctx, string hash)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            ctx.Add("", "the file must contain a JSON object");
            return null;
        }

        RubricFields.RejectUnknown(root, "", RootFields, ctx);
        var name = RubricFields.RequiredString(root, "", "name", ctx);
        var description = RubricFields.OptionalString(root, "", "description", ctx);
        var guidelines = RubricFields.OptionalString(root, "", "guidelines", ctx);

        var criteria = new List<Criterion>();
        if (!root.TryGetProperty("criteria", out var list))
        {
            ctx.Add("criteria", "required field is missing: list the criteria to score");
        }
        else if (list.ValueKind != JsonValueKind.Array)
        {
            ctx.Add("criteria", "must be an array of criteria");
        }
        else if (list.GetArrayLength() == 0)
        {
            ctx.Add("criteria", "must contain at least one criterion");
        }
        else
        {
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var criterion = ReadCriterion(item, $"criteria[{index}]", ctx);
                if (criterion is not null)
                {
                    if (criteria.Any(c => c.Key == criterion.Key))
                    {
                        ctx.Add($"criteria[{index}].key", $"duplicate criterion key '{criterion.Key}'");
                    }

                    criteria.Add(criterion);
                }

                index++;
            }
        }

        return ctx.HasProblems || name is null
            ? null
            : new Rubric(key, name, description, guidelines, criteria, hash);
    }

    private static Criterion? ReadCriterion(JsonElement item, string path, RubricReadContext ctx)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            ctx.Add(path, "each criterion must be an object");
            return null;
        }

        RubricFields.RejectUnknown(item, path, CriterionFields, ctx);
        var key = RubricFields.RequiredString(item, path, "key", ctx);
        if (key is not null && !KeyPattern().IsMatch(key))
        {
            ctx.Add($"{path}.key", $"'{key}' must be lower-case letters, digits and underscores, starting with a letter");
            key = null;
        }

        var label = RubricFields.RequiredString(item, path, "label", ctx);
        var description = RubricFields.OptionalString(item, path, "description", ctx);
        var scaleText = RubricFields.RequiredString(item, path, "scale", ctx);
        ScaleType? scale = scaleText switch
        {
            null => null,
            "ordinal" => ScaleType.Ordinal,
            "binary" => ScaleType.Binary,
            _ => null,
        };
        if (scaleText is not null && scale is null)
        {
            ctx.Add($"{path}.scale", $"unknown scale '{scaleText}': use \"ordinal\" or \"binary\"");
        }

        var min = RubricFields.OptionalInt(item, path, "min", ctx);
        var max = RubricFields.OptionalInt(item, path, "max", ctx);
        int lo = 0, hi = 1;
        var rangeOk = true;
        if (scale == ScaleType.Binary)
        {
            if ((min is not null && min != 0) || (max is not null && max != 1))
            {
                ctx.Add($"{path}.scale", "a binary scale is always 0..1; remove min/max or set them to 0 and 1");
                rangeOk = false;
            }
        }
        else if (scale == ScaleType.Ordinal)
        {
            if (min is null || max is null)
            {
                ctx.Add(min is null ? $"{path}.min" : $"{path}.max", "an ordinal scale needs integer \"min\" and \"max\"");
                rangeOk = false;
            }
            else if (min >= max)
            {
                ctx.Add($"{path}.max", $"max ({max}) must be greater than min ({min})");
                rangeOk = false;
            }
            else if (max - min + 1 > MaxLevels)
            {
                ctx.Add($"{path}.max", $"a scale may have at most {MaxLevels} levels; {min}..{max} has {max - min + 1}");
                rangeOk = false;
            }
            else
            {
                lo = min.Value;
                hi = max.Value;
            }
        }

        var required = true;
        if (item.TryGetProperty("required", out var req))
        {
            if (req.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                required = req.GetBoolean();
            }
            else
            {
                ctx.Add($"{path}.required", "must be true or false");
            }
        }

        var anchors = ReadAnchors(item, path, scale is not null && rangeOk, lo, hi, ctx);

        return key is null || label is null || scale is null || !rangeOk
            ? null
            : new Criterion(key, label, description, scale.Value, lo, hi, required, anchors);
    }

    private static List<Anchor> ReadAnchors(JsonElement item, string path, bool checkRange, int lo, int hi, RubricReadContext ctx)
    {
        var anchors = new List<Anchor>();
        if (!item.TryGetProperty("anchors", out var node))
        {
            return anchors;
        }

        var anchorsPath = $"{path}.anchors";
        if (node.ValueKind != JsonValueKind.Object)
        {
            ctx.Add(anchorsPath, "must be an object mapping each level to its anchor sentence, e.g. { \"1\": \"…\" }");
            return anchors;
        }

        foreach (var prop in node.EnumerateObject())
        {
            var levelPath = $"{anchorsPath}.{prop.Name}";
            if (!int.TryParse(prop.Name, System.Globalization.NumberStyles.AllowLeadingSign,
                    System.Globalization.CultureInfo.InvariantCulture, out var level))
            {
                ctx.Add(levelPath, $"anchor level '{prop.Name}' is not an integer");
                continue;
            }

            if (checkRange && (level < lo || level > hi))
            {
                ctx.Add(levelPath, $"anchor level {level} is outside the scale {lo}..{hi}");
                continue;
            }

            if (prop.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(prop.Value.GetString()))
            {
                ctx.Add(levelPath, "an anchor must be a non-empty sentence");
                continue;
            }

            anchors.Add(new Anchor(level, prop.Value.GetString()!.Trim()));
        }

        anchors.Sort((a, b) => a.Level.CompareTo(b.Level));
        return anchors;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
