using System.Text.Json;
using HumanEval.Core.Assignment;
using HumanEval.Core.Campaigns;
using HumanEval.Data;
using HumanEval.Data.Entities;
using HumanEval.Data.Workflow;
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
        new("evaluator1@demo.local", "Evelyn Expert", Roles.Evaluator, Password, EvaluatorKind.DomainExpert, ["billing", "support"]),
        new("evaluator2@demo.local", "Eduardo Expert", Roles.Evaluator, Password, EvaluatorKind.DomainExpert, ["security"]),
        new("evaluator3@demo.local", "Esther Expert", Roles.Evaluator, Password, EvaluatorKind.DomainExpert, ["code"]),
        new("evaluator4@demo.local", "Uma User", Roles.Evaluator, Password, EvaluatorKind.RepresentativeUser, ["consumer"]),
        new("evaluator5@demo.local", "Ulrich User", Roles.Evaluator, Password, EvaluatorKind.RepresentativeUser, ["small-business"]),
        new("evaluator6@demo.local", "Usha User", Roles.Evaluator, Password, EvaluatorKind.RepresentativeUser, ["consumer", "mobile"]),
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

        created |= await SeedHistoryAsync(services.GetRequiredService<AppDbContext>(), now);
        created |= await SeedCampaignAsync(services.GetRequiredService<AppDbContext>(), now);
        created |= await DemoPairwiseSeed.SeedAsync(services.GetRequiredService<AppDbContext>(), now);
        return created;
    }

    /// <summary>Demo pay: experts 60 USD an hour of active time, representative users 35, at most 10 hours a week.</summary>
    private static async Task SetDemoRateAsync(AppDbContext db, NewUser user)
    {
        if (user.EvaluatorKind is not { } type)
        {
            return;
        }

        var profile = await db.EvaluatorProfiles.SingleAsync(p => p.User.Email == user.Email);
        profile.HourlyRate = type == EvaluatorKind.DomainExpert ? 60m : 35m;
        profile.Currency = "USD";
        profile.WeeklyHourLimit = 10;
        profile.IsReviewer = user.Email == DemoReview.ReviewerEmail;
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
            PlannedExamplesPerVersion = 8,
            CreatedAt = now,
        };
        var evaluators = await db.Users.Where(u => u.Email!.StartsWith("evaluator") && u.Email.EndsWith("@demo.local")).ToListAsync();
        campaign.Roster = evaluators.Select(u => new RosterMember { EvaluatorId = u.Id, AddedAt = now }).ToList();
        campaign.Examples.AddRange(await ReadExamplesAsync(now));
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return true;
    }

    private static async Task<List<Example>> ReadExamplesAsync(DateTime importedAt)
    {
        var examples = new List<Example>();
        await using var stream = typeof(DemoSeed).Assembly.GetManifestResourceStream("demo-examples.jsonl")!;
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            examples.Add(new Example
            {
                ExternalId = Text("external_id")!,
                Input = Text("input")!,
                Output = Text("output")!,
                Context = Text("context"),
                Reference = Text("reference"),
                Model = Text("model"),
                PromptVersion = Text("prompt_version"),
                Metadata = root.TryGetProperty("metadata", out var meta) ? meta.GetRawText() : null,
                ImportedAt = importedAt,
                Position = examples.Count,
            });
        }

        return examples;
    }

    public const string HistoryName = "Support assistant, last week";

    /// <summary>
    /// Last week's closed campaign of the same series, fully rated by the six demo evaluators at their demo rates, with
    /// an LLM judge's scores: so the overview, cost, turnaround, trend and the Excel export have something to show.
    /// </summary>
    private static async Task<bool> SeedHistoryAsync(AppDbContext db, DateTime now)
    {
        if (await db.Campaigns.AnyAsync(c => c.Name == HistoryName))
        {
            return false;
        }

        var rubric = await db.RubricVersions.Include(v => v.Criteria).SingleAsync(v => v.IsCurrent && v.Rubric.Key == "default");
        var profiles = await db.EvaluatorProfiles.Include(p => p.User)
            .Where(p => p.User.Email!.StartsWith("evaluator") && p.User.Email.EndsWith("@demo.local")).OrderBy(p => p.User.Email).ToListAsync();
        var start = now.Date.AddDays(-9).AddHours(8);
        var campaign = new Campaign
        {
            Name = HistoryName,
            Description = "The previous weekly round, closed. Compare it with this week's campaign in the series trend.",
            RubricVersionId = rubric.Id,
            K = 3,
            MinExperts = 1,
            Cadence = Cadence.Weekly,
            DueAt = start.Date.AddDays(5),
            State = CampaignState.Closed,
            Seed = 20_261_120,
            Budget = 1500m,
            Currency = "USD",
            Series = "Support assistant (weekly)",
            // A small demo round: the lead planned 8 examples (inputs) per version, so the Versions tab can call it.
            PlannedExamplesPerVersion = 8,
            CreatedAt = start,
            Roster = profiles.Select(p => new RosterMember { EvaluatorId = p.UserId, AddedAt = start }).ToList(),
        };
        campaign.Examples.AddRange(await ReadExamplesAsync(start));
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();

        var random = new Random(47);
        var review = new DemoReview();
        var ordinal = rubric.Criteria.Where(c => c.Scale != HumanEval.Core.Rubrics.ScaleType.Binary).Select(c => c.Key).ToList();
        var experts = profiles.Where(p => p.Type == EvaluatorKind.DomainExpert).ToList();
        var users = profiles.Where(p => p.Type == EvaluatorKind.RepresentativeUser).ToList();
        foreach (var (example, i) in campaign.Examples.Select((e, i) => (e, i)))
        {
            // One expert and two others per example, rotating so every pair rates together.
            var panel = new[] { experts[i % experts.Count], users[i % users.Count], (i % 2 == 0 ? experts : users)[(i + 1) % 3] };
            // Examples differ in quality (that is what the raters agree on); each rater adds a little noise.
            var quality = (example.PromptVersion == "v2" ? 4.0 : 3.2) + ((random.NextDouble() * 2.4) - 1.2);
            var done = start;
            foreach (var person in panel)
            {
                var submitted = start.AddHours(4 + random.Next(i < 17 ? 60 : 90)).AddMinutes(random.Next(60));
                done = submitted > done ? submitted : done;
                var seconds = 240 + random.Next(480);
                var rate = new HumanEval.Core.Operations.RateCard(person.HourlyRate, person.FlatRate, person.Currency);
                var assignment = new Assignment
                {
                    ExampleId = example.Id, CampaignId = campaign.Id, EvaluatorId = person.UserId, ByExpert = person.Type == EvaluatorKind.DomainExpert,
                    State = AssignmentState.Submitted, ClaimedAt = submitted.AddSeconds(-seconds), ExpiresAt = submitted, ClosedAt = submitted,
                };
                db.Assignments.Add(assignment);
                await db.SaveChangesAsync();
                // Drawn in this order (minutes, comment, scores) so the seeded demo stays the same data.
                var minutesIntoSession = random.Next(5, 110);
                var comment = random.Next(4) == 0 ? "Correct, but the answer could say what happens next." : null;
                var scores = rubric.Criteria.ToDictionary(c => c.Key, c => c.Scale == HumanEval.Core.Rubrics.ScaleType.Binary
                    ? (random.Next(20) == 0 ? 0 : 1)
                    : Math.Clamp((int)Math.Round(quality + (random.NextDouble() * 1.2) - 0.6), c.Min, c.Max));
                var (comments, flag, reason) = review.Adjust(example.PromptVersion, Array.IndexOf(panel, person), scores, person.User.Email, ordinal);
                db.Ratings.Add(HumanEval.Data.Workflow.RatingRecord.Build(
                    new HumanEval.Data.Workflow.RatingOwner(assignment.Id, campaign.Id, example.Id, person.UserId, rubric.Id),
                    new HumanEval.Data.Workflow.DraftInput(scores, comments, comment, flag, reason, seconds),
                    rubric.Criteria.Select(c => c.Key), rate, seconds, submitted, minutesIntoSession));
            }

            example.HolderCount = 3;
            example.ExpertHolderCount = panel.Count(p => p.Type == EvaluatorKind.DomainExpert);
            example.SubmittedCount = 3;
            example.CompletedAt = done;
            foreach (var c in rubric.Criteria.Where(c => c.Scale != HumanEval.Core.Rubrics.ScaleType.Binary))
            {
                db.JudgeScores.Add(new JudgeScore
                {
                    CampaignId = campaign.Id, ExampleId = example.Id, CriterionKey = c.Key, JudgeModel = "judge-llm", JudgePromptVersion = "p3",
                    Score = Math.Clamp((int)Math.Round(quality + (random.NextDouble() * 1.1) - 0.55), c.Min, c.Max), ImportedAt = done,
                });
            }
        }

        await db.SaveChangesAsync();
        return true;
    }
}
