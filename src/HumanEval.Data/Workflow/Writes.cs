using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace HumanEval.Data.Workflow;

/// <summary>
/// The one write path for work that must be all or nothing: the provider's execution strategy (SQL Server retries
/// transient faults by running the whole block again, so each attempt starts from an empty change tracker), this
/// process's SQLite write gate (<see cref="WriteGate"/>), and one transaction. The block commits or rolls back itself
/// (a lost race rolls back and says so in its result); an exception rolls back.
/// </summary>
internal static class Writes
{
    public static Task<T> InTransactionAsync<T>(this AppDbContext db, Func<IDbContextTransaction, Task<T>> work, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            using var gate = await WriteGate.EnterAsync(db, ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            return await work(tx);
        });
    }

    public static Task InTransactionAsync(this AppDbContext db, Func<IDbContextTransaction, Task> work, CancellationToken ct) =>
        db.InTransactionAsync(async tx =>
        {
            await work(tx);
            return true;
        }, ct);
}
