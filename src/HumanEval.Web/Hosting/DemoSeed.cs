using System.Text.Json;
using HumanEval.Data;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Web.Hosting;

/// <summary>The Development demo: one admin, one lead and six evaluators (1–3 domain experts, 4–6 representative users).</summary>
internal static class DemoSeed
{
    public const string Password = "Demo!2345";

    public static IReadOnlyList<NewUser> Users { get; } =
    [
        new("admin@demo.local", "Ada Admin", Roles.Admin, Password),
        new("lead@demo.local", "Lee Lead", Roles.Lead, Password),
        new("evaluator1@demo.local", "Evelyn Expert", Roles.Evaluator, Password, EvaluatorType.DomainExpert, ["billing", "support"]),
        new("evaluator2@demo.local", "Eduardo Expert", Roles.Evaluator, Password, EvaluatorType.DomainExpert, ["security"]),
        new("evaluator3@demo.local", "Esther Expert", Roles.Evaluator, Password, EvaluatorType.DomainExpert, ["code"]),
        new("evaluator4@demo.local", "Uma User", Roles.Evaluator, Password, EvaluatorType.RepresentativeUser, ["consumer"]),
        new("evaluator5@demo.local", "Ulrich User", Roles.Evaluator, Password, EvaluatorType.RepresentativeUser, ["small-business"]),
        new("evaluator6@demo.local", "Usha User", Roles.Evaluator, Password, EvaluatorType.RepresentativeUser, ["consumer", "mobile"]),
    ];

    /// <summary>Creates whatever of the demo is missing; returns true when anything was created.</summary>
    public static async Task<bool> RunAsync(IServiceProvider services, DateTime now)
    {
        var accounts = services.GetRequiredService<UserAccounts>();
        await accounts.EnsureRolesAsync();
        var created = false;
        foreach (var user in Users)
        {
            if (await accounts.CreateAsync(user, now))
            {
                created = true;
                await SetDemoRateAsync(services.GetRequiredService<AppDbContext>(), user);
            }
        }

        created |= await SeedCampaignAsync(services.GetRequiredService<AppDbContext>(), now);
        return created;
    }

    /// <summary>Demo pay: experts 60 USD an hour of active time, representative users 35, at most 10 hours a week.</summary>
    private static async Task SetDemoRateAsync(AppDbContext db, NewUser user)
    {
        if (user.EvaluatorType is not { } type)
        {
            return;
        }

        var profile = await db.EvaluatorProfiles.SingleAsync(p => p.User.Email == user.Email);
        profile.HourlyRate = type == EvaluatorType.DomainExpert ? 60m : 35m;
        profile.Currency = "USD";
        profile.WeeklyHourLimit = 10;
        await db.SaveChangesAsync();
    }

    public const string CampaignName = "Demo: support assistant";

    /// <summary>An open campaign with 20 examples from two model versions, the default rubric, k = 3 and evaluators 1–6.</summary>
    private static async Task<bool> SeedCampaignAsync(AppDbContext db, DateTime now)
    {
        if (await db.Campaigns.AnyAsync(c => c.Name == CampaignName))
        {
            return false;
        }

        var rubric = await db.RubricVersions.SingleAsync(v => v.IsCurrent && v.Rubric.Key == "default");
        var campaign = new Campaign
        {
            Name = CampaignName,
            Description = "Weekly check of the support assistant: October model (prompt v1) against November model (prompt v2).",
            RubricVersionId = rubric.Id,
            K = 3,
            MinExperts = 1,
            Cadence = Cadence.Weekly,
            DueAt = now.Date.AddDays(7),
            State = CampaignState.Open,
            Seed = 20_261_127,
            Budget = 1500m,
            Currency = "USD",
            Series = "Support assistant (weekly)",
            CreatedAt = now,
        };
        var evaluators = await db.Users.Where(u => u.Email!.StartsWith("evaluator") && u.Email.EndsWith("@demo.local")).ToListAsync();
        campaign.Roster = evaluators.Select(u => new RosterMember { EvaluatorId = u.Id, AddedAt = now }).ToList();
        await using var stream = typeof(DemoSeed).Assembly.GetManifestResourceStream("demo-examples.jsonl")!;
        using var reader = new StreamReader(stream);
        var position = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            campaign.Examples.Add(new Example
            {
                ExternalId = Text("external_id")!,
                Input = Text("input")!,
                Output = Text("output")!,
                Context = Text("context"),
                Reference = Text("reference"),
                Model = Text("model"),
                PromptVersion = Text("prompt_version"),
                Metadata = root.TryGetProperty("metadata", out var meta) ? meta.GetRawText() : null,
                ImportedAt = now,
                Position = position++,
            });
        }

        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return true;
    }
}
