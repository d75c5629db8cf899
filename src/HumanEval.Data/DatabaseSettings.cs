using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace HumanEval.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>
/// Which database to use, from configuration: <c>Database:Provider</c> (Sqlite, the default, or SqlServer) and
/// <c>ConnectionStrings:HumanEval</c>. Each provider has its own migrations assembly.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string SqliteMigrationsAssembly = "HumanEval.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "HumanEval.Migrations.SqlServer";
    public const string DefaultSqliteConnection = "Data Source=App_Data/humaneval.db";

    /// <summary>Reads the settings; a relative SQLite file path is resolved against <paramref name="baseDirectory"/>.</summary>
    public static DatabaseSettings From(IConfiguration configuration, string baseDirectory)
    {
        var providerText = configuration["Database:Provider"];
        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(providerText))
        {
            provider = DatabaseProvider.Sqlite;
        }
        else if (!Enum.TryParse(providerText, ignoreCase: true, out provider) || !Enum.IsDefined(provider))
        {
            throw new InvalidOperationException(
                $"Database:Provider '{providerText}' is not supported. Use 'Sqlite' (default) or 'SqlServer'.");
        }

        var connection = configuration.GetConnectionString("HumanEval");
        if (provider == DatabaseProvider.SqlServer)
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new InvalidOperationException(
                    "Database:Provider is SqlServer but ConnectionStrings:HumanEval is empty. Set it, e.g. with the environment variable ConnectionStrings__HumanEval.");
            }

            return new DatabaseSettings(provider, connection);
        }

        return new DatabaseSettings(provider, ResolveSqlite(connection ?? DefaultSqliteConnection, baseDirectory));
    }

    /// <summary>Makes the SQLite file path absolute and creates its folder.</summary>
    public static string ResolveSqlite(string connectionString, string baseDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" ||
            builder.Mode == SqliteOpenMode.Memory)
        {
            return builder.ToString();
        }

        var path = Path.IsPathRooted(builder.DataSource)
            ? builder.DataSource
            : Path.GetFullPath(Path.Combine(baseDirectory, builder.DataSource));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        builder.DataSource = path;
        return builder.ToString();
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        // Scores are only ever read through their (filtered) rating, so the filter cannot hide a rating a score needs.
        options.ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));
        switch (Provider)
        {
            case DatabaseProvider.SqlServer:
                options.UseSqlServer(ConnectionString, sql => sql
                    .MigrationsAssembly(SqlServerMigrationsAssembly)
                    .EnableRetryOnFailure());
                break;
            default:
                options.UseSqlite(ConnectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
                break;
        }
    }
}
