using ClosedXML.Excel;

namespace HumanEval.Data.Export;

/// <summary>The formatted sheets' two building blocks: a bold label with its value, and a table with a styled header.</summary>
internal static class SheetBlocks
{
    /// <summary>Writes "label | value" on the row after <paramref name="row"/> and moves it on.</summary>
    public static void Line(IXLWorksheet ws, ref int row, string label, object? value)
    {
        row++;
        CellText.Set(ws.Cell(row, 1), label);
        ws.Cell(row, 1).Style.Font.Bold = true;
        CellText.Set(ws.Cell(row, 2), value);
    }

    /// <summary>
    /// A header row at <paramref name="row"/> and one row per value array below it, each cell formatted by its column
    /// (<paramref name="format"/>: column index → Excel number format); returns the last row written.
    /// </summary>
    public static int Table(IXLWorksheet ws, int row, IReadOnlyList<string> headers, IEnumerable<object?[]> rows, Func<int, string> format)
    {
        var header = row;
        for (var c = 0; c < headers.Count; c++)
        {
            CellText.Set(ws.Cell(row, c + 1), headers[c]);
        }

        foreach (var values in rows)
        {
            row++;
            for (var i = 0; i < values.Length; i++)
            {
                CellText.Set(ws.Cell(row, i + 1), values[i]);
                ws.Cell(row, i + 1).Style.NumberFormat.Format = format(i);
            }
        }

        FormattedSheets.StyleHeader(ws.Range(header, 1, header, headers.Count));
        return row;
    }
}
