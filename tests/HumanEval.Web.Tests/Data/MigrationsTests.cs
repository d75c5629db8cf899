using HumanEval.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HumanEval.Web.Tests.Data;

/// <summary>Both migrations assemblies are generated from the same model; SQL Server is proven by its script.</summary>
public sealed class MigrationsTests
{
    internal static AppDbContext Context(DatabaseProvider provider, string connection)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        new DatabaseSettings(provider, connection).Configure(options);
        return new AppDbContext(options.Options);
    }

    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        using var db = Context(DatabaseProvider.Sqlite, "Data Source=:memory:");

        Assert.False(db.Database.HasPendingModelChanges(), "add a migration to migrations/HumanEval.Migrations.Sqlite");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void The_sql_server_migrations_match_the_model()
    {
        using var db = Context(DatabaseProvider.SqlServer, "Server=.;Database=HumanEval;Trusted_Connection=True;TrustServerCertificate=True");

        Assert.False(db.Database.HasPendingModelChanges(), "add a migration to migrations/HumanEval.Migrations.SqlServer");
    }

    [Fact]
    public void Both_providers_have_the_same_migrations_in_the_same_order()
    {
        using var sqlite = Context(DatabaseProvider.Sqlite, "Data Source=:memory:");
        using var sqlServer = Context(DatabaseProvider.SqlServer, "Server=.;Database=HumanEval;Trusted_Connection=True");

        static IEnumerable<string> Names(AppDbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_') + 1)..]);

        Assert.Equal(Names(sqlite), Names(sqlServer));
    }

    [Fact]
    public void An_idempotent_sql_server_script_can_be_generated_for_every_table()
    {
        using var db = Context(DatabaseProvider.SqlServer, "Server=.;Database=HumanEval;Trusted_Connection=True;TrustServerCertificate=True");

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("IF NOT EXISTS (", script);
        Assert.Contains("SELECT * FROM [__EFMigrationsHistory]", script);
        foreach (var table in new[] { "AspNetUsers", "AspNetRoles", "AspNetUserPasskeys", "DataProtectionKeys", "EvaluatorProfiles", "Rubrics", "RubricVersions", "Criteria" })
        {
            Assert.Contains($"CREATE TABLE [{table}]", script);
        }
    }

    [Fact]
    public async Task Sqlite_migrations_apply_to_an_empty_file_and_switch_it_to_wal()
    {
        var path = Path.Combine(Path.GetTempPath(), $"humaneval-migrate-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = Context(DatabaseProvider.Sqlite, $"Data Source={path}"))
            {
                await DatabaseInitializer.MigrateAsync(db);
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                var mode = await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS Value FROM pragma_journal_mode()").ToListAsync();
                Assert.Equal("wal", Assert.Single(mode));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    [Fact]
    public void An_unknown_provider_is_a_clear_configuration_error()
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "Oracle" })
            .Build();

        var ex = Assert.Throws<InvalidOperationException>(() => DatabaseSettings.From(config, Path.GetTempPath()));

        Assert.Contains("'Oracle' is not supported", ex.Message);
    }
}
