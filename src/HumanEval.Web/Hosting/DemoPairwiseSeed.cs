using HumanEval.Core.Assignment;
using HumanEval.Core.Campaigns;
using HumanEval.Core.Import;
using HumanEval.Core.Pairwise;
using HumanEval.Core.Rubrics;
using HumanEval.Data;
using HumanEval.Data.Entities;
using HumanEval.Data.Workflow;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Web.Hosting;

/// <summary>
/// The Development demo's pairwise campaign: "Support assistant: v1 vs v2", 20 pairs (read with the import's own
/// parser), k = 3, evaluators 1–6, and the first 12 pairs already compared by three of them, so an evaluator can
/// start comparing at once and the lead's report has a decision card (not yet called: 20 pairs planned) and an LLM
/// judge's verdicts on the rated pairs.
/// </summary>
internal static class DemoPairwiseSeed
{
    public const string CampaignName = "Support assistant: v1 vs v2";

    public const int RatedPairs = 12;

    public static async Task<bool> SeedAsync(AppDbContext db, DateTime now)
    {
        if (await db.Campaigns.AnyAsync(c => c.Name == CampaignName))
        {
            return false;
        }

        var rubric = await db.RubricVersions.SingleAsync(v => v.IsCurrent && v.Rubric.Key == "default");
        var profiles = await db.EvaluatorProfiles.Include(p => p.User)
            .Where(p => p.User.Email!.StartsWith("evaluator") && p.User.Email.EndsWith("@demo.local")).OrderBy(p => p.User.Email).ToListAsync();
        var start = now.AddDays(-2);
        var campaign = new Campaign
        {
            Name = CampaignName, Kind = CampaignKind.Pairwise,
            Description = "Side by side: last week's prompt v1 against this week's v2 on the same 20 support questions. Evaluators see Response 1 and 2, never the version.",
            RubricVersionId = rubric.Id, K = 3, MinExperts = 1, Cadence = Cadence.OneOff, DueAt = now.Date.AddDays(5), State = CampaignState.Open,
            Seed = 20_261_204, Budget = 1000m, Currency = "USD", PlannedExamplesPerVersion = 20, CreatedAt = start,
            Roster = profiles.Select(p => new RosterMember { EvaluatorId = p.UserId, AddedAt = start }).ToList(),
        };
        campaign.Examples.AddRange(await ReadPairsAsync(start));
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();

        var criteria = await db.RuleCriteriaAsync(rubric.Id, CancellationToken.None);
        var keys = PairwiseForm.StoredKeys(criteria);
        var experts = profiles.Where(p => p.Type == EvaluatorKind.DomainExpert).ToList();
        var users = profiles.Where(p => p.Type == EvaluatorKind.RepresentativeUser).ToList();
        var random = new Random(61);
        foreach (var (example, i) in campaign.Examples.Take(RatedPairs).Select((e, i) => (e, i)))
        {
            var panel = new[] { experts[i % experts.Count], users[i % users.Count], (i % 2 == 0 ? users : experts)[(i + 1) % 3] };
            // How much better v2 (output B) is on this pair, −1 … +1.6: mostly better, sometimes level, once worse.
            var lean = i == 4 ? -0.8 : (random.NextDouble() * 2.0) - 0.4;
            foreach (var person in panel)
            {
                var submitted = start.AddHours(2 + random.Next(40)).AddMinutes(random.Next(60));
                var seconds = 300 + random.Next(420);
                var assignment = new Assignment
                {
                    ExampleId = example.Id, CampaignId = campaign.Id, EvaluatorId = person.UserId, ByExpert = person.Type == EvaluatorKind.DomainExpert,
                    State = AssignmentState.Submitted, ClaimedAt = submitted.AddSeconds(-seconds), ExpiresAt = submitted, ClosedAt = submitted,
                };
                db.Assignments.Add(assignment);
                await db.SaveChangesAsync();
                var scores = new Dictionary<string, int>();
                foreach (var c in criteria)
                {
                    if (c.Scale == ScaleType.Binary)
                    {
                        scores[PairwiseForm.StoredKey(c.Key, true)] = random.Next(12) == 0 ? 0 : 1;
                        scores[PairwiseForm.StoredKey(c.Key, false)] = 1;
                    }
                    else
                    {
                        scores[c.Key] = Math.Clamp((int)Math.Round(lean + (random.NextDouble() * 1.6) - 0.8), -2, 2);
                    }
                }

                scores[PairwiseForm.BothKey] = 0;
                var rating = RatingRecord.Build(
                    new RatingOwner(assignment.Id, campaign.Id, example.Id, person.UserId, rubric.Id),
                    new DraftInput(scores, new Dictionary<string, string>(), null, false, null, seconds),
                    keys, new HumanEval.Core.Operations.RateCard(person.HourlyRate, person.FlatRate, person.Currency), seconds, submitted, random.Next(5, 100));
                rating.AOnLeft = DisplayOrder.AOnLeft(person.UserId, WorkQueries.DisplayOrderKey(example.Id));
                db.Ratings.Add(rating);
            }

            // An LLM judge's verdicts on the same pairs (the lean, rounded, with its own noise), for the judge table.
            foreach (var c in criteria.Where(c => c.Scale == ScaleType.Ordinal))
            {
                db.JudgeScores.Add(new JudgeScore
                {
                    CampaignId = campaign.Id, ExampleId = example.Id, CriterionKey = c.Key, JudgeModel = "judge-llm", JudgePromptVersion = "pairwise-p1",
                    Score = Math.Clamp((int)Math.Round(lean + (random.NextDouble() * 1.4) - 0.7), -2, 2), ImportedAt = start.AddHours(44),
                });
            }

            example.HolderCount = 3;
            example.ExpertHolderCount = panel.Count(p => p.Type == EvaluatorKind.DomainExpert);
            example.SubmittedCount = 3;
            example.CompletedAt = start.AddHours(44);
        }

        await db.SaveChangesAsync();
        return true;
    }

    private static async Task<List<Example>> ReadPairsAsync(DateTime importedAt)
    {
        await using var stream = typeof(DemoPairwiseSeed).Assembly.GetManifestResourceStream("demo-pairs.jsonl")!;
        using var reader = new StreamReader(stream);
        var parsed = ExampleFile.Read(new StringReader(await reader.ReadToEndAsync()), ExampleFormat.Jsonl, CampaignKind.Pairwise);
        if (!parsed.Ok)
        {
            throw new InvalidOperationException("The demo pairs do not read: " + string.Join("; ", parsed.Errors));
        }

        return parsed.Rows.Select((r, i) => new Example
        {
            ExternalId = r.ExternalId, Input = r.Input, Output = r.Output, OutputB = r.OutputB, VersionA = r.VersionA, VersionB = r.VersionB,
            Context = r.Context, Reference = r.Reference, Metadata = r.Metadata, ImportedAt = importedAt, Position = i,
        }).ToList();
    }
}
