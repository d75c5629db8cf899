using System.Globalization;

namespace HumanEval.Web.Components.Shared;

/// <summary>How numbers read on the leads' pages: invariant culture, the currency code spelled out.</summary>
public static class Formats
{
    public static string Money(decimal? amount, string currency) =>
        amount is { } a ? string.Create(CultureInfo.InvariantCulture, $"{currency} {a:#,0.00}") : "—";

    public static string Money(double? amount, string currency) => Money(amount is { } a ? (decimal?)Math.Round((decimal)a, 2) : null, currency);

    /// <summary>A reliability reading as words: "good", "tentative", "unreliable", "not enough data".</summary>
    public static string Reading(HumanEval.Core.Agreement.Reliability reading) => HumanEval.Core.Words.Of(reading);

    public static string Percent(double? fraction) => fraction is { } f ? f.ToString("0%", CultureInfo.InvariantCulture) : "—";

    public static string Hours(double? hours) => hours switch
    {
        null => "—",
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{hours.Value * 60:0} min"),
        < 48 => string.Create(CultureInfo.InvariantCulture, $"{hours.Value:0.0} h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{hours.Value / 24:0.0} days"),
    };

    /// <summary>A signed offset such as a leniency or a drift: "+0.25", "−0.40" (a true minus sign), "0.00".</summary>
    public static string Signed(double? value) => value is { } v ? v.ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture) : "—";

    public static string Number(double? value, string format = "0.00") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    public static string When(DateTime? utc) => utc is { } t ? t.ToString("ddd d MMM HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    /// <summary>What is left for an evaluator, saying when the fair share is the limit (Core's <see cref="HumanEval.Core.Assignment.QueueCount"/>).</summary>
    public static string Queue(HumanEval.Core.Assignment.QueueCount q) => q.ShareLimited
        ? string.Create(CultureInfo.InvariantCulture, $"{q.Left} left for you (your fair share of {q.Share} is the limit; after it you get only examples nobody else can take)")
        : string.Create(CultureInfo.InvariantCulture, $"{q.Left} left for you");

    /// <summary>
    /// The lead's page of one example. External ids may contain '/', so each part is escaped on its own and the page's
    /// route takes the rest of the path ({*ExternalId}).
    /// </summary>
    public static string ExampleHref(int campaignId, string externalId) =>
        $"campaigns/{campaignId}/examples/{string.Join('/', externalId.Split('/').Select(Uri.EscapeDataString))}";
}
