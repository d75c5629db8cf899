using System.Text;
using HumanEval.Core.Import;

namespace HumanEval.Core.Tests.Import;

public sealed class Utf8CheckTests
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    private static IReadOnlyList<ImportError> Scan(byte[] bytes) => Utf8Check.Scan(new MemoryStream(bytes));

    private static string Temp(byte[] bytes)
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void A_latin1_csv_names_each_bad_line_and_its_byte_offset_and_imports_nothing()
    {
        // "é" in Latin-1 is the single byte 0xE9, which never stands alone in UTF-8.
        var text = "external_id,input,output\na1,Café order,ok\na2,fine,fine\na3,naïve,résumé\n";
        var bytes = Latin1.GetBytes(text);
        var path = Temp(bytes);
        try
        {
            var file = ExampleFile.ReadFile(path, ExampleFormat.Csv);

            Assert.False(file.Ok);
            Assert.Empty(file.Rows);
            Assert.Equal([2, 4], file.Errors.Select(e => e.Line));
            Assert.All(file.Errors, e => Assert.Equal("(encoding)", e.Field));
            var cafe = Array.IndexOf(bytes, (byte)0xE9);
            Assert.Equal(31, cafe); // 25 header bytes, then "a1,Caf" (6), 0-based
            Assert.Equal("line 2, (encoding): byte offset 31 (0xE9) is not valid UTF-8; save the file as UTF-8 (a byte-order mark is fine) and import it again", file.Errors[0].ToString());
            Assert.Contains($"byte offset {text.IndexOf('ï')} (0xEF)", file.Errors[1].Message); // one error per line, its first bad byte
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_latin1_jsonl_file_is_refused_with_the_line()
    {
        var path = Temp(Latin1.GetBytes("{\"external_id\":\"a\",\"input\":\"q\",\"output\":\"ok\"}\n{\"external_id\":\"b\",\"input\":\"Café\",\"output\":\"ok\"}\n"));
        try
        {
            var file = ExampleFile.ReadFile(path, ExampleFormat.Jsonl);

            Assert.Empty(file.Rows);
            Assert.Equal(2, Assert.Single(file.Errors).Line);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_utf8_file_with_or_without_bom_reads_as_text_and_the_bom_is_not_part_of_the_header()
    {
        var text = "external_id,input,output\na1,Café ☕ 𝔘,naïve\n";
        foreach (var bom in new[] { true, false })
        {
            var path = Temp(new UTF8Encoding(bom).GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray());
            try
            {
                var file = ExampleFile.ReadFile(path, ExampleFormat.Csv);

                Assert.True(file.Ok, string.Join("; ", file.Errors));
                Assert.Equal("a1", file.Rows.Single().ExternalId);
                Assert.Equal("Café ☕ 𝔘", file.Rows.Single().Input);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }

    [Fact]
    public void Multibyte_characters_split_across_read_chunks_are_valid_and_offsets_count_from_the_file_start()
    {
        // 65,535 ASCII bytes put the 4-byte "𝔘" across the 64 KiB chunk boundary; the bad byte sits 3 lines later.
        var head = new string('x', 65_535) + "𝔘\n\n\n";
        var bytes = Encoding.UTF8.GetBytes(head).Concat(new byte[] { (byte)'a', 0xFF, (byte)'\n' }).ToArray();

        var error = Assert.Single(Scan(bytes));

        Assert.Equal(4, error.Line);
        Assert.Contains($"byte offset {65_535 + 4 + 3 + 1:N0} (0xFF)", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0xC3 }, 1, 1)] // truncated 2-byte sequence at the end of the file
    [InlineData(new byte[] { 0x0A, 0xED, 0xA0, 0x80 }, 2, 1)] // an encoded UTF-16 surrogate (CESU-8) is not UTF-8
    [InlineData(new byte[] { 0xC0, 0xAF }, 1, 0)] // overlong '/'
    [InlineData(new byte[] { 0xFF, 0xFE, 0x61, 0x00 }, 1, 0)] // a UTF-16 file: the message says UTF-8 is expected
    public void Invalid_sequences_are_found_where_they_start(byte[] bytes, int line, int offset)
    {
        var error = Assert.Single(Scan(bytes));

        Assert.Equal(line, error.Line);
        Assert.StartsWith($"byte offset {offset} ", error.Message);
    }

    [Fact]
    public void Errors_stop_at_the_listing_limit()
    {
        var bytes = Enumerable.Range(0, 500).SelectMany(_ => new byte[] { 0xE9, (byte)'\n' }).ToArray();

        Assert.Equal(ExampleFile.MaxErrorsListed, Scan(bytes).Count);
        Assert.Empty(Scan(Encoding.UTF8.GetBytes("plain\nascii\n")));
        Assert.Empty(Scan([]));
    }
}
