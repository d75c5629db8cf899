using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace HumanEval.Web.Hosting;

/// <summary>
/// The console log format (the same layout as ASP.NET Core's "simple" formatter) with a cap on text a client can
/// choose: a log message, and each exception's message, longer than <see cref="MaxTextLength"/> characters is cut and
/// says how much was cut. A browser that answers JavaScript calls with 30 KB of "error" text each (its message ends up in a
/// JSException that Blazor logs) no longer writes 30 KB into the log per call; stack traces are the server's own text
/// and stay whole. Line breaks inside a message are indented like the simple formatter does, so a client cannot start
/// a line that looks like a new log entry.
/// </summary>
internal sealed class CappedConsoleFormatter : ConsoleFormatter, IDisposable
{
    public const string FormatterName = "humaneval";

    /// <summary>Longest message (or exception message) written whole.</summary>
    public const int MaxTextLength = 2_000;

    private const string Indent = "      ";
    private readonly IDisposable? _reload;
    private SimpleConsoleFormatterOptions _options;

    public CappedConsoleFormatter(IOptionsMonitor<SimpleConsoleFormatterOptions> options)
        : base(FormatterName)
    {
        _options = options.CurrentValue;
        _reload = options.OnChange(o => _options = o);
    }

    public void Dispose() => _reload?.Dispose();

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        var entry = new StringBuilder();
        if (_options.TimestampFormat is { } format)
        {
            var now = _options.UseUtcTimestamp ? DateTimeOffset.UtcNow : DateTimeOffset.Now;
            entry.Append(now.ToString(format, System.Globalization.CultureInfo.InvariantCulture));
        }

        entry.Append(Level(logEntry.LogLevel)).Append(": ")
            .Append(logEntry.Category).Append('[').Append(logEntry.EventId.Id).Append(']').Append('\n');
        if (_options.IncludeScopes && scopeProvider is not null)
        {
            var any = false;
            scopeProvider.ForEachScope((scope, sb) =>
            {
                sb.Append(any ? " => " : Indent).Append(Cap(scope?.ToString() ?? ""));
                any = true;
            }, entry);
            if (any)
            {
                entry.Append('\n');
            }
        }

        if (!string.IsNullOrEmpty(message))
        {
            AppendIndented(entry, Cap(message));
        }

        if (logEntry.Exception is { } exception)
        {
            AppendIndented(entry, Describe(exception));
        }

        textWriter.Write(entry.ToString());
    }

    /// <summary><paramref name="text"/> whole when it is at most <see cref="MaxTextLength"/> characters, else its start and how much was cut.</summary>
    public static string Cap(string text) =>
        text.Length <= MaxTextLength
            ? text
            : string.Concat(text.AsSpan(0, MaxTextLength), $"… ({text.Length - MaxTextLength:N0} more characters not logged)");

    /// <summary>Like <see cref="Exception.ToString"/>, with each message capped.</summary>
    public static string Describe(Exception exception)
    {
        var text = new StringBuilder();
        text.Append(exception.GetType().FullName).Append(": ").Append(Cap(exception.Message));
        var inners = exception is AggregateException aggregate ? aggregate.InnerExceptions : (IReadOnlyList<Exception>)(exception.InnerException is { } inner ? [inner] : []);
        foreach (var innerException in inners)
        {
            text.Append("\n ---> ").Append(Describe(innerException)).Append("\n   --- End of inner exception stack trace ---");
        }

        if (exception.StackTrace is { } stack)
        {
            text.Append('\n').Append(stack);
        }

        return text.ToString();
    }

    private static void AppendIndented(StringBuilder entry, string text)
    {
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            entry.Append(Indent).Append(line).Append('\n');
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
