using HumanEval.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace HumanEval.Web.Tests.Hosting;

public sealed class CappedConsoleFormatterTests
{
    private static string Format(string message, Exception? exception)
    {
        var options = new OptionsMonitor<SimpleConsoleFormatterOptions>(
            new OptionsFactory<SimpleConsoleFormatterOptions>([], []), [], new OptionsCache<SimpleConsoleFormatterOptions>());
        using var formatter = new CappedConsoleFormatter(options);
        using var writer = new StringWriter();
        formatter.Write(new LogEntry<string>(LogLevel.Error, "Circuits", new EventId(111), message, exception, (s, _) => s), null, writer);
        return writer.ToString();
    }

    [Fact]
    public void A_short_entry_reads_like_the_simple_console_format()
    {
        Assert.Equal("fail: Circuits[111]\n      Unhandled exception\n", Format("Unhandled exception", null));
    }

    [Fact]
    public void Long_client_text_in_a_message_or_an_exception_is_cut_and_says_how_much_while_the_stack_trace_stays()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("outer", new FormatException("inner:" + new string('y', 30_000)));
        }
        catch (Exception e)
        {
            thrown = e;
        }

        var text = Format("message:" + new string('x', 30_000), thrown);

        Assert.DoesNotContain(new string('x', CappedConsoleFormatter.MaxTextLength + 1), text, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('y', CappedConsoleFormatter.MaxTextLength + 1), text, StringComparison.Ordinal);
        Assert.Contains("… (28,008 more characters not logged)", text, StringComparison.Ordinal); // 30,008 − 2,000
        Assert.Contains("… (28,006 more characters not logged)", text, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException: outer", text, StringComparison.Ordinal);
        Assert.Contains(" ---> System.FormatException: inner:yyy", text, StringComparison.Ordinal);
        Assert.Contains(nameof(Long_client_text_in_a_message_or_an_exception_is_cut_and_says_how_much_while_the_stack_trace_stays), text, StringComparison.Ordinal);
        Assert.True(text.Length < 10_000, $"{text.Length} characters");
    }

    [Fact]
    public void A_line_break_in_client_text_cannot_start_what_looks_like_a_new_entry()
    {
        var lines = Format("bad\ninfo: Forged[0]\r\nok", null).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["fail: Circuits[111]", "      bad", "      info: Forged[0]", "      ok"], lines);
    }

    [Fact]
    public void The_app_writes_its_console_log_with_the_capped_format()
    {
        using var app = new TestApp();
        var options = app.Services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value;
        Assert.Equal(CappedConsoleFormatter.FormatterName, options.FormatterName);
    }
}
