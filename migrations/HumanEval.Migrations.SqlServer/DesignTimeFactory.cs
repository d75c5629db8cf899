using HumanEval.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HumanEval.Migrations.SqlServer;

/// <summary>Lets <c>dotnet ef</c> build the model for this provider without starting the web app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseSqlServer("Server=localhost;Database=HumanEval;Trusted_Connection=True;TrustServerCertificate=True", o => o.MigrationsAssembly(DatabaseSettings.SqlServerMigrationsAssembly));
        return new AppDbContext(options.Options);
    }
}
