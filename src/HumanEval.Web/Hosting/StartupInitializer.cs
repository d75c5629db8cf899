using HumanEval.Core.Rubrics;
using HumanEval.Data;
using HumanEval.Data.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HumanEval.Web.Hosting;

/// <summary>
/// Brings the database to the current schema, loads the rubric files and (in Development) seeds the demo data
/// before the server accepts requests. Any failure stops the app: it never runs half-configured.
/// </summary>
internal sealed class StartupInitializer(
    IServiceScopeFactory scopes,
    IOptions<AppOptions> options,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<StartupInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var rubricsDirectory = Path.GetFullPath(options.Value.RubricsDirectory, AppContext.BaseDirectory);
        // Parse the files before touching the database, so a broken rubric changes nothing.
        var rubrics = await RubricDirectory.LoadAsync(rubricsDirectory, cancellationToken);
        if (rubrics.Count == 0)
        {
            throw new InvalidOperationException($"No rubric files (*.json) found in '{rubricsDirectory}'.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await DatabaseInitializer.MigrateAsync(db, cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        var sync = await RubricStore.SyncAsync(db, rubrics, now, cancellationToken);
        logger.LogInformation("Rubrics loaded from {Directory}: {Count} files, {New} new versions, {Gone} retired",
            rubricsDirectory, sync.Rubrics, sync.NewVersions, sync.Deactivated);

        if (options.Value.SeedDemoData && environment.IsDevelopment())
        {
            var created = await DemoSeed.RunAsync(scope.ServiceProvider, now);
            logger.LogInformation(created ? "Demo data created (see README for the logins)" : "Demo data already present");
        }
        else if (!await db.Users.AnyAsync(cancellationToken))
        {
            logger.LogWarning("No users yet. Create an admin with: humaneval user add --email you@example.com --role Admin");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
