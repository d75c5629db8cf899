using System.Text.Json;

namespace HumanEval.Core.Rubrics;

/// <summary>
/// Maps JSON paths ("criteria[2].max") to the 1-based line where that value (or its property name) starts,
/// so validation messages can point a rubric author at the right line.
/// </summary>
internal static class JsonLineMap
{
    private sealed class Frame(string path, bool isArray)
    {
        public string Path { get; } = path;
        public bool IsArray { get; } = isArray;
        public int Index { get; set; }
    }

    public static Dictionary<string, int> Build(ReadOnlySpan<byte> utf8, JsonReaderOptions options)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(utf8, options);
        var stack = new Stack<Frame>();
        string? property = null;
        var line = 1;
        var scanned = 0;

        while (reader.Read())
        {
            var start = (int)reader.TokenStartIndex;
            for (; scanned < start; scanned++)
            {
                if (utf8[scanned] == (byte)'\n')
                {
                    line++;
                }
            }

            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                property = reader.GetString();
                map.TryAdd(Join(stack.Peek().Path, property), line);
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                stack.Pop();
                continue;
            }

            string path;
            if (stack.Count == 0)
            {
                path = "";
            }
            else if (stack.Peek().IsArray)
            {
                var frame = stack.Peek();
                path = $"{frame.Path}[{frame.Index++}]";
            }
            else
            {
                path = Join(stack.Peek().Path, property);
            }

            map.TryAdd(path, line);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                stack.Push(new Frame(path, reader.TokenType == JsonTokenType.StartArray));
            }
        }

        return map;
    }

    public static string Join(string parent, string? property) =>
        parent.Length == 0 ? property ?? "" : $"{parent}.{property}";
}
