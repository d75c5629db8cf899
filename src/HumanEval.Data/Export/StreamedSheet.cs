using System.Globalization;
using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace HumanEval.Data.Export;

/// <summary>
/// A very large raw sheet. ClosedXML keeps a whole workbook in memory (1.1–1.5 GB for 100,000 rows here), so it only
/// lays out the sheet — header, column widths, frozen pane, filter, and two template rows carrying each column's style
/// (plain and quote-prefixed) — and the rows are then streamed into a new worksheet part with the OpenXml SDK's SAX
/// writer, reusing those styles.
/// </summary>
public sealed class StreamedSheet(string name, IReadOnlyList<Column> columns, IAsyncEnumerable<object?[]> rows)
{
    public string Name { get; } = name;

    public IReadOnlyList<Column> Columns { get; } = columns;

    /// <summary>Lays out the sheet in the ClosedXML workbook: header row and the two style template rows.</summary>
    public void Layout(XLWorkbook workbook, string currency, Action<IXLRange> styleHeader)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        ArgumentNullException.ThrowIfNull(styleHeader);
        var ws = workbook.Worksheets.Add(Name);
        for (var c = 0; c < Columns.Count; c++)
        {
            var column = Columns[c];
            CellText.Set(ws.Cell(1, c + 1), column.Header);
            ws.Column(c + 1).Width = column.Width;
            foreach (var row in new[] { 2, 3 })
            {
                var cell = ws.Cell(row, c + 1);
                cell.Style.NumberFormat.Format = CellText.NumberFormat(column.Kind, currency);
                cell.Style.IncludeQuotePrefix = row == 3;
                cell.SetValue(column.Kind == ColumnKind.Text ? "template" : "0");
            }
        }

        styleHeader(ws.Range(1, 1, 1, Columns.Count));
        ws.SheetView.FreezeRows(1);
        ws.Range(1, 1, 3, Columns.Count).SetAutoFilter();
    }

    /// <summary>
    /// Writes the sheet to <paramref name="target"/> (a zip entry): the laid-out worksheet <paramref name="layout"/> with
    /// its rows replaced by the streamed ones. Only one row is in memory at a time. Returns the rows written.
    /// </summary>
    public async Task<int> StreamAsync(Worksheet layout, Stream target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var oldRows = layout.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        var header = oldRows.Single(r => r.RowIndex! == 1U);
        var plain = StylesOf(oldRows.Single(r => r.RowIndex! == 2U));
        var quoted = StylesOf(oldRows.Single(r => r.RowIndex! == 3U));
        var letters = Enumerable.Range(1, Columns.Count).Select(i => XLHelper.GetColumnLetterFromNumber(i)).ToArray();
        var written = 0;
        using var writer = OpenXmlWriter.Create(target);
        writer.WriteStartDocument();
        writer.WriteStartElement(new Worksheet(), [], [new KeyValuePair<string, string>("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships")]);
        foreach (var element in layout.ChildElements)
        {
            switch (element)
            {
                case SheetDimension:
                case AutoFilter:
                    continue;
                case SheetData:
                    writer.WriteStartElement(new SheetData());
                    writer.WriteElement((Row)header.CloneNode(true));
                    await foreach (var values in rows.WithCancellation(ct))
                    {
                        writer.WriteElement(RowOf(values, (uint)(written + 2), letters, plain, quoted));
                        written++;
                    }

                    writer.WriteEndElement();
                    writer.WriteElement(new AutoFilter { Reference = $"A1:{letters[^1]}{Math.Max(1, written + 1)}" });
                    continue;
                default:
                    writer.WriteElement((OpenXmlElement)element.CloneNode(true));
                    continue;
            }
        }

        writer.WriteEndElement();
        writer.Close();
        LastColumn = letters[^1];
        return written;
    }

    /// <summary>The last column letter, known after <see cref="StreamAsync"/>.</summary>
    public string LastColumn { get; private set; } = "A";

    private static uint?[] StylesOf(Row row) => row.Elements<Cell>().Select(c => c.StyleIndex?.Value).ToArray();

    private static Row RowOf(object?[] values, uint r, string[] letters, uint?[] plain, uint?[] quoted)
    {
        var row = new Row { RowIndex = r };
        var suffix = r.ToString(CultureInfo.InvariantCulture);
        for (var c = 0; c < values.Length && c < letters.Length; c++)
        {
            var cell = values[c] switch
            {
                null => null,
                string s => Text(CellText.Clean(s), plain[c], quoted[c]),
                DateTime d => new Cell { CellValue = new CellValue(d.ToOADate().ToString("R", CultureInfo.InvariantCulture)) },
                bool b => Text(b ? "yes" : "no", plain[c], quoted[c]),
                IConvertible n => new Cell { CellValue = new CellValue(n.ToDouble(CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)) },
                var other => Text(CellText.Clean(other.ToString() ?? ""), plain[c], quoted[c]),
            };
            if (cell is null)
            {
                continue;
            }

            cell.CellReference = letters[c] + suffix;
            if (cell.StyleIndex is null && plain[c] is { } style)
            {
                cell.StyleIndex = style;
            }

            row.Append(cell);
        }

        return row;
    }

    private static Cell Text(string text, uint? plain, uint? quoted) => new()
    {
        DataType = CellValues.InlineString,
        StyleIndex = CellText.LooksLikeFormula(text) ? quoted : plain,
        InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
    };
}
