using HumanEval.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HumanEval.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the model for this provider without starting the web app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(DatabaseSettings.SqliteMigrationsAssembly));
        return new AppDbContext(options.Options);
    }
}
