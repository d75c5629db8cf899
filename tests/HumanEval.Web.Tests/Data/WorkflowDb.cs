using HumanEval.Core.Assignment;
using HumanEval.Core.Campaigns;
using HumanEval.Core.Rubrics;
using HumanEval.Data;
using HumanEval.Data.Entities;
using HumanEval.Data.Workflow;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HumanEval.Web.Tests.Data;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTime start) : TimeProvider
{
    public DateTime Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => new(Now, TimeSpan.Zero);

    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>A migrated SQLite file with the default rubric, a campaign, examples and a roster; each <see cref="Instance"/> is a separate "app instance" (own services and connection pool).</summary>
public sealed class WorkflowDb : IAsyncDisposable
{
    private readonly List<ServiceProvider> providers = [];

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"humaneval-wf-{Guid.NewGuid():N}.db");

    public ManualClock Clock { get; } = new(new DateTime(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc));

    /// <param name="busySeconds">How long a command waits for a lock held by someone else before it fails (SQLite's default is 30).</param>
    public (Work Work, IDbContextFactory<AppDbContext> Factory) Instance(int? busySeconds = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:HumanEval"] = $"Data Source={Path}" + (busySeconds is { } b ? $";Default Timeout={b}" : ""),
        }).Build());
        services.AddSingleton<TimeProvider>(Clock);
        services.AddHumanEvalWorkflow(System.IO.Path.GetTempPath());
        var provider = services.BuildServiceProvider();
        providers.Add(provider);
        var work = new Work(provider.GetRequiredService<WorkQueue>(), provider.GetRequiredService<DraftStore>(),
            provider.GetRequiredService<RatingSubmissions>(), provider.GetRequiredService<Reservations>());
        return (work, provider.GetRequiredService<IDbContextFactory<AppDbContext>>());
    }

    public async Task<(int CampaignId, List<string> Evaluators)> SeedAsync(int examples, int evaluators, int k = 3, Action<Campaign>? configure = null, int experts = -1)
    {
        var (_, factory) = Instance();
        await using var db = await factory.CreateDbContextAsync();
        await DatabaseInitializer.MigrateAsync(db);
        var rubrics = await RubricDirectory.LoadAsync(System.IO.Path.Combine(AppContext.BaseDirectory, "rubrics"));
        await RubricStore.SyncAsync(db, rubrics, Clock.Now);
        var version = await db.RubricVersions.SingleAsync(v => v.IsCurrent);
        var ids = new List<string>();
        for (var i = 0; i < evaluators; i++)
        {
            var user = new ApplicationUser { Id = $"eval-{i:D3}", UserName = $"e{i}@t.local", Email = $"e{i}@t.local", CreatedAt = Clock.Now };
            db.Users.Add(user);
            db.EvaluatorProfiles.Add(new EvaluatorProfile
            {
                UserId = user.Id,
                Type = experts < 0 || i < experts ? EvaluatorKind.DomainExpert : EvaluatorKind.RepresentativeUser,
                CreatedAt = Clock.Now,
            });
            ids.Add(user.Id);
        }

        var campaign = new Campaign
        {
            Name = "Test campaign",
            RubricVersionId = version.Id,
            K = k,
            State = CampaignState.Open,
            Seed = 1,
            FairShareSlack = null,
            CreatedAt = Clock.Now,
            Roster = ids.Select(id => new RosterMember { EvaluatorId = id, AddedAt = Clock.Now }).ToList(),
            Examples = Enumerable.Range(0, examples).Select(i => new Example
            {
                ExternalId = $"ex-{i:D4}",
                Input = $"input {i}",
                Output = $"output {i}",
                Model = i % 2 == 0 ? "a" : "b",
                PromptVersion = "v1",
                ImportedAt = Clock.Now,
                Position = i,
            }).ToList(),
        };
        configure?.Invoke(campaign);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return (campaign.Id, ids);
    }

    public static DraftInput FullScores(int value = 4) => new(
        new Dictionary<string, int> { ["accuracy"] = value, ["helpfulness"] = value, ["tone"] = value, ["completeness"] = value, ["safety"] = 1 },
        new Dictionary<string, string>(), null, false, null, 30);

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }
    }
}

/// <summary>One app instance's workflow services, as the pages use them: claim, drafts, submit/skip, reservations.</summary>
public sealed record Work(WorkQueue Queue, DraftStore Drafts, RatingSubmissions Submissions, Reservations Reservations);
