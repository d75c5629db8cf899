using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace HumanEval.Data;

/// <summary>
/// Tells a database that is briefly locked or unreachable apart from a bug. Every write of the workflow is one
/// transaction, so when one of these escapes nothing was half-written: the page keeps what the person entered, says so,
/// and the same action succeeds once the database answers again. (SQLite first waits out a lock for the connection's
/// busy timeout; SQL Server first retries transient errors through EF's execution strategy.)
/// </summary>
public static class DatabaseFaults
{
    public const string Message =
        "The database is not answering right now (busy or unreachable). Nothing was lost: your scores are still on this page. Try again in a few seconds.";

    public const string PageMessage =
        "The database is not answering right now (busy or unreachable). Nothing was half-saved. Try again in a few seconds.";

    // SQLite primary result codes: BUSY, LOCKED, IOERR, CANTOPEN, PROTOCOL.
    private static readonly int[] SqliteTransient = [5, 6, 10, 14, 15];

    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when SqliteTransient.Contains(sqlite.SqliteErrorCode & 0xFF):
                case RetryLimitExceededException:
                case TimeoutException:
                case DbException { IsTransient: true }:
                    return true;
            }
        }

        return false;
    }
}
