using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data;

public static class DatabaseInitializer
{
    /// <summary>Applies pending migrations; on SQLite also turns on WAL so readers never block the writer.</summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
