using System.IO.Compression;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Spreadsheet;

namespace HumanEval.Data.Export;

/// <summary>
/// Copies the ClosedXML-saved package into a new zip, entry by entry, regenerating the laid-out raw sheets with their
/// streamed rows. Editing the package in place would buffer each rewritten part in memory (System.IO.Packaging's update
/// mode); a zip in create mode writes every entry straight through to the file.
/// </summary>
internal static class PackageStreamer
{
    private static readonly XNamespace Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static readonly XNamespace OfficeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    public static async Task RewriteAsync(string layoutPath, string outputPath, IReadOnlyList<StreamedSheet> sheets, CancellationToken ct)
    {
        using var source = ZipFile.OpenRead(layoutPath);
        var workbookXml = XDocument.Load(source.GetEntry("xl/workbook.xml")!.Open());
        var rels = XDocument.Load(source.GetEntry("xl/_rels/workbook.xml.rels")!.Open());
        var targets = rels.Root!.Elements(Relationships + "Relationship").ToDictionary(r => (string)r.Attribute("Id")!, r => (string)r.Attribute("Target")!);
        var sheetElements = workbookXml.Root!.Element(Main + "sheets")!.Elements(Main + "sheet").ToList();
        var entryOf = new Dictionary<string, StreamedSheet>(StringComparer.Ordinal);
        foreach (var sheet in sheets)
        {
            var element = sheetElements.Single(e => (string)e.Attribute("name")! == sheet.Name);
            var target = targets[(string)element.Attribute(OfficeRelationships + "id")!].TrimStart('/');
            entryOf[target.StartsWith("xl/", StringComparison.Ordinal) ? target : "xl/" + target] = sheet;
        }

        var rowsWritten = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var file = new FileStream(outputPath, FileMode.CreateNew, FileAccess.Write))
        using (var output = new ZipArchive(file, ZipArchiveMode.Create))
        {
            foreach (var entry in source.Entries)
            {
                if (entry.FullName == "xl/workbook.xml")
                {
                    continue;
                }

                if (entryOf.TryGetValue(entry.FullName, out var sheet))
                {
                    Worksheet layout;
                    using (var reader = new StreamReader(entry.Open()))
                    {
                        var xml = await reader.ReadToEndAsync(ct);
                        // The element constructor takes the element's XML, without the document's declaration.
                        layout = new Worksheet(xml.StartsWith("<?xml", StringComparison.Ordinal) ? xml[(xml.IndexOf("?>", StringComparison.Ordinal) + 2)..] : xml);
                    }

                    await using var target = output.CreateEntry(entry.FullName, CompressionLevel.Optimal).Open();
                    rowsWritten[sheet.Name] = await sheet.StreamAsync(layout, target, ct);
                    continue;
                }

                await using var copy = output.CreateEntry(entry.FullName, CompressionLevel.Optimal).Open();
                await using var from = entry.Open();
                await from.CopyToAsync(copy, ct);
            }

            // Excel keeps each auto-filter's range in a hidden defined name too: point it at the streamed rows.
            foreach (var name in workbookXml.Root.Element(Main + "definedNames")?.Elements(Main + "definedName") ?? [])
            {
                if ((string?)name.Attribute("name") == "_xlnm._FilterDatabase" && (int?)name.Attribute("localSheetId") is { } index
                    && sheets.FirstOrDefault(s => s.Name == (string)sheetElements[index].Attribute("name")!) is { } streamed)
                {
                    name.Value = $"'{streamed.Name.Replace("'", "''", StringComparison.Ordinal)}'!$A$1:${streamed.LastColumn}${Math.Max(1, rowsWritten[streamed.Name] + 1)}";
                }
            }

            await using var workbookEntry = output.CreateEntry("xl/workbook.xml", CompressionLevel.Optimal).Open();
            workbookXml.Save(workbookEntry);
        }
    }
}
