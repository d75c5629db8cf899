using System.Text.Json;
using HumanEval.Core.Agreement;

namespace HumanEval.Cli;

/// <summary>The CLI's JSON numbers: null where a figure is undefined, intervals as [low, high], optionally rounded.</summary>
internal static class JsonFields
{
    public static void Number(Utf8JsonWriter w, string name, double? value, int? digits = null)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, digits is { } d ? Math.Round(v, d) : v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    public static void Range(Utf8JsonWriter w, string name, Interval? interval, int? digits = null)
    {
        if (interval is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartArray(name);
        w.WriteNumberValue(digits is { } d ? Math.Round(interval.Low, d) : interval.Low);
        w.WriteNumberValue(digits is { } e ? Math.Round(interval.High, e) : interval.High);
        w.WriteEndArray();
    }
}
