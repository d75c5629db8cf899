using System.Text.Json;
using System.Text.Json.Nodes;

namespace HumanEval.Core.Import;

/// <summary>
/// One JSONL line as an object, checked strictly before anything reads it: a key given twice (top-level keys compared
/// ignoring case, since fields are matched that way) and a string with a lone UTF-16 surrogate escape (<c>\ud800</c>,
/// which is not text) are errors naming the top-level field they are in, instead of exceptions from deep inside the
/// JSON reader.
/// </summary>
public static class JsonLine
{
    /// <summary>The problem found in a line: the field (top-level key, or "(line)") and what is wrong.</summary>
    public sealed record Problem(string Field, string Message);

    public static JsonObject? Parse(string text, out Problem? problem)
    {
        problem = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            problem = new Problem("(line)", $"not valid JSON: {ex.Message.Split(" Path:")[0]}");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = new Problem("(line)", "each line must be one JSON object");
                return null;
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in root.EnumerateObject())
            {
                if (!TryName(property, out var name))
                {
                    problem = new Problem("(line)", "a key contains an invalid character (a lone UTF-16 surrogate escape such as \\ud800)");
                    return null;
                }

                var field = name.ToLowerInvariant();
                if (!seen.Add(name))
                {
                    problem = new Problem(field, "appears more than once in this line");
                    return null;
                }

                if (Check(property.Value) is { } message)
                {
                    problem = new Problem(field, message);
                    return null;
                }
            }

            return JsonObject.Create(root.Clone());
        }
    }

    private static bool TryName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
    }

    private static string? Check(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    _ = element.GetString();
                    return null;
                }
                catch (InvalidOperationException)
                {
                    return "contains an invalid character (a lone UTF-16 surrogate escape such as \\ud800)";
                }

            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!TryName(property, out var name))
                    {
                        return "a key contains an invalid character (a lone UTF-16 surrogate escape such as \\ud800)";
                    }

                    if (!names.Add(name))
                    {
                        return $"the key '{name}' appears more than once inside it";
                    }

                    if (Check(property.Value) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;

            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (Check(item) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;

            default:
                return null;
        }
    }
}
