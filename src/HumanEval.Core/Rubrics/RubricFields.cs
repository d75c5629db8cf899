using System.Text.Json;

namespace HumanEval.Core.Rubrics;

/// <summary>Reading one field of a rubric file's JSON object, reporting a wrong type or a missing field on the context.</summary>
internal static class RubricFields
{
    public static void RejectUnknown(JsonElement obj, string path, string[] known, RubricReadContext ctx)
    {
        foreach (var prop in obj.EnumerateObject())
        {
            if (!known.Contains(prop.Name, StringComparer.Ordinal))
            {
                ctx.Add(JsonLineMap.Join(path, prop.Name),
                    $"unknown field '{prop.Name}' (expected one of: {string.Join(", ", known)})");
            }
        }
    }

    public static string? RequiredString(JsonElement obj, string path, string name, RubricReadContext ctx)
    {
        var fieldPath = JsonLineMap.Join(path, name);
        if (!obj.TryGetProperty(name, out var value))
        {
            ctx.Add(path, $"required field \"{name}\" is missing");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            ctx.Add(fieldPath, "must be a non-empty string");
            return null;
        }

        return value.GetString()!.Trim();
    }

    public static string? OptionalString(JsonElement obj, string path, string name, RubricReadContext ctx)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            ctx.Add(JsonLineMap.Join(path, name), "must be a string");
            return null;
        }

        var text = value.GetString()!.Trim();
        return text.Length == 0 ? null : text;
    }

    public static int? OptionalInt(JsonElement obj, string path, string name, RubricReadContext ctx)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            ctx.Add(JsonLineMap.Join(path, name), "must be a whole number");
            return null;
        }

        return number;
    }
}
