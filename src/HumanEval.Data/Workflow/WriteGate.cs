using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

/// <summary>
/// SQLite has one writer at a time; when many requests of one process write together, its busy handler makes them
/// sleep and retry, which shows up as long tail latency. Queueing this process's writers in memory first keeps the
/// tail short. Other processes still meet SQLite's own locking, so correctness never depends on this gate; on SQL
/// Server it does nothing.
/// </summary>
internal static class WriteGate
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    private sealed class Releaser : IDisposable
    {
        public void Dispose() => Gate.Release();
    }

    private sealed class Nothing : IDisposable
    {
        public void Dispose()
        {
        }
    }

    public static async Task<IDisposable> EnterAsync(AppDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            return new Nothing();
        }

        await Gate.WaitAsync(ct);
        return new Releaser();
    }
}
