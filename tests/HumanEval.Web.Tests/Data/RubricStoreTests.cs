using HumanEval.Core.Rubrics;
using HumanEval.Data;
using HumanEval.Data.Workflow;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Web.Tests.Data;

public sealed class RubricStoreTests : IAsyncLifetime
{
    private const string V1 = """
        { "name": "Support", "criteria": [
          { "key": "accuracy", "label": "Accuracy", "scale": "ordinal", "min": 1, "max": 5 } ] }
        """;

    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private AppDbContext db = null!;

    public async Task InitializeAsync()
    {
        await connection.OpenAsync();
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite(connection,
            o => o.MigrationsAssembly(DatabaseSettings.SqliteMigrationsAssembly)).Options;
        db = new AppDbContext(options);
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        await connection.DisposeAsync();
    }

    private static RubricFile File(string key, string content) =>
        new($"rubrics/{key}.json", content, RubricParser.Parse(key, $"{key}.json", content));

    private async Task<List<(string Key, int Number, bool Current)>> VersionsAsync() =>
        (await db.RubricVersions.AsNoTracking().Include(v => v.Rubric).ToListAsync())
        .Select(v => (v.Rubric.Key, v.Number, v.IsCurrent)).OrderBy(v => v.Key).ThenBy(v => v.Number).ToList();

    [Fact]
    public async Task A_changed_file_becomes_a_new_current_version_and_the_old_one_is_kept_unchanged()
    {
        var t0 = new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);
        await RubricStore.SyncAsync(db, [File("support", V1)], t0);
        var v2 = V1.Replace("\"max\": 5", "\"max\": 4");

        var result = await RubricStore.SyncAsync(db, [File("support", v2)], t0.AddDays(1));

        Assert.Equal(1, result.NewVersions);
        Assert.Equal([("support", 1, false), ("support", 2, true)], await VersionsAsync());
        var old = await db.RubricVersions.AsNoTracking().Include(v => v.Criteria).SingleAsync(v => v.Number == 1);
        Assert.Equal(5, old.Criteria.Single().Max);
        Assert.Equal(t0, old.LoadedAt);
        Assert.Equal(V1, old.Content);
    }

    [Fact]
    public async Task Reverting_a_file_makes_its_earlier_version_current_without_a_new_version()
    {
        var t0 = new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);
        await RubricStore.SyncAsync(db, [File("support", V1)], t0);
        await RubricStore.SyncAsync(db, [File("support", V1.Replace("Support", "Support v2"))], t0);

        var result = await RubricStore.SyncAsync(db, [File("support", V1)], t0);

        Assert.Equal(0, result.NewVersions);
        Assert.Equal([("support", 1, true), ("support", 2, false)], await VersionsAsync());
    }

    [Fact]
    public async Task A_removed_file_retires_the_rubric_but_keeps_its_versions()
    {
        var t0 = new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);
        await RubricStore.SyncAsync(db, [File("support", V1), File("other", V1)], t0);

        var result = await RubricStore.SyncAsync(db, [File("support", V1)], t0);

        Assert.Equal(1, result.Deactivated);
        Assert.False((await db.Rubrics.AsNoTracking().SingleAsync(r => r.Key == "other")).Active);
        Assert.Equal([("other", 1, false), ("support", 1, true)], await VersionsAsync());
    }
}
