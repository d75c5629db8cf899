using HumanEval.Data.Export;

namespace HumanEval.Web.Tests.Data;

public sealed class CsvFieldTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData(null, "")]
    public void Csv_exports_quote_what_needs_quoting_and_never_hand_a_spreadsheet_a_formula(string? value, string expected) =>
        Assert.Equal(expected, CellText.CsvField(value));
}
