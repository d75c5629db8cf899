using HumanEval.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace HumanEval.Web.Tests.Data;

public sealed class DatabaseFaultsTests
{
    [Theory]
    [InlineData(5, true)] // SQLITE_BUSY
    [InlineData(6, true)] // SQLITE_LOCKED
    [InlineData(5 | (1 << 8), true)] // SQLITE_BUSY_RECOVERY (extended code)
    [InlineData(14, true)] // SQLITE_CANTOPEN
    [InlineData(19, false)] // SQLITE_CONSTRAINT: a bug or a conflict, not an outage
    [InlineData(1, false)] // SQLITE_ERROR
    public void Sqlite_locks_and_unreachable_files_count_as_unavailable_constraint_errors_do_not(int code, bool unavailable)
    {
        var error = new SqliteException("x", code);

        Assert.Equal(unavailable, DatabaseFaults.IsUnavailable(error));
        Assert.Equal(unavailable, DatabaseFaults.IsUnavailable(new DbUpdateException("wrapped", error)));
    }

    [Fact]
    public void Exhausted_retries_and_timeouts_count_as_unavailable_other_errors_do_not()
    {
        Assert.True(DatabaseFaults.IsUnavailable(new RetryLimitExceededException("retried", new TimeoutException())));
        Assert.True(DatabaseFaults.IsUnavailable(new TimeoutException()));
        Assert.False(DatabaseFaults.IsUnavailable(new InvalidOperationException("bug")));
        Assert.False(DatabaseFaults.IsUnavailable(new DbUpdateConcurrencyException("conflict")));
    }

    [Fact]
    public void On_sql_server_transient_faults_are_retried_by_the_execution_strategy()
    {
        var settings = new DatabaseSettings(DatabaseProvider.SqlServer, "Server=nowhere;Database=x;Trusted_Connection=True;TrustServerCertificate=True");
        var options = new DbContextOptionsBuilder<AppDbContext>();
        settings.Configure(options);
        using var db = new AppDbContext(options.Options);

        Assert.True(db.Database.CreateExecutionStrategy().RetriesOnFailure);
    }
}
