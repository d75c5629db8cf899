using System.Globalization;
using System.Text;
using System.Xml;
using ClosedXML.Excel;

namespace HumanEval.Data.Export;

public enum ColumnKind
{
    Text,
    Integer,
    Number,
    Percent,
    Money,
    DateTime,
}

public sealed record Column(string Header, ColumnKind Kind, double Width = 14);

/// <summary>Cell rules shared by the ClosedXML sheets and the streamed ones: valid XML, Excel's length limit, never a formula.</summary>
public static class CellText
{
    public const int MaxLength = 32_767;

    /// <summary>True for text Excel would read as a formula if typed in: it is stored as text with a quote prefix.</summary>
    public static bool LooksLikeFormula(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>
    /// One CSV field (RFC 4180 quoting) for the CSV exports (ratings, audit): text a spreadsheet would run as a formula
    /// (the same test as the workbook's, <see cref="LooksLikeFormula"/>) gets a leading quote.
    /// </summary>
    public static string CsvField(string? value)
    {
        value ??= "";
        if (LooksLikeFormula(value))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>Drops characters XML 1.0 cannot carry (model output may contain any) and truncates to Excel's cell limit.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            var ok = XmlConvert.IsXmlChar(ch) || (char.IsHighSurrogate(ch) && i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], ch));
            if (ok && char.IsHighSurrogate(ch))
            {
                (sb ??= new StringBuilder(text, 0, i, text.Length)).Append(ch).Append(text[i + 1]);
                i++;
                continue;
            }

            if (!ok)
            {
                sb ??= new StringBuilder(text, 0, i, text.Length);
                continue;
            }

            sb?.Append(ch);
        }

        var clean = sb?.ToString() ?? text;
        return clean.Length > MaxLength ? string.Concat(clean.AsSpan(0, MaxLength - 12), " [truncated]") : clean;
    }

    public static string NumberFormat(ColumnKind kind, string currency) => kind switch
    {
        ColumnKind.Integer => "0",
        ColumnKind.Number => "0.00",
        ColumnKind.Percent => "0.0%",
        ColumnKind.Money => $"\"{currency} \"#,##0.00",
        ColumnKind.DateTime => "yyyy-mm-dd hh:mm",
        _ => "@",
    };

    /// <summary>Writes a value into a ClosedXML cell: text is always text (quote-prefixed when it looks like a formula).</summary>
    public static void Set(IXLCell cell, object? value)
    {
        ArgumentNullException.ThrowIfNull(cell);
        switch (value)
        {
            case null:
                return;
            case string s:
                var clean = Clean(s);
                cell.SetValue(clean);
                cell.DataType = XLDataType.Text;
                if (LooksLikeFormula(clean))
                {
                    cell.Style.IncludeQuotePrefix = true;
                }

                return;
            case DateTime d:
                cell.SetValue(d);
                return;
            case bool b:
                cell.SetValue(b ? "yes" : "no");
                return;
            case IConvertible number:
                cell.SetValue(number.ToDouble(CultureInfo.InvariantCulture));
                return;
            default:
                cell.SetValue(Clean(value.ToString() ?? ""));
                cell.DataType = XLDataType.Text;
                return;
        }
    }
}
