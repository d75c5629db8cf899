using HumanEval.Core.Rubrics;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

public sealed record RubricVersionView(
    int Id, string Key, int Number, string ContentHash, string Name, string? Description, string? Guidelines,
    bool IsCurrent, DateTime LoadedAt, IReadOnlyList<CriterionView> Criteria)
{
    public string ShortHash => ContentHash[..Math.Min(12, ContentHash.Length)];
}

public sealed record CriterionView(string Key, string Label, string? Description, ScaleType Scale, int Min, int Max, bool Required, IReadOnlyList<Anchor> Anchors)
{
    public static CriterionView From(Criterion c) => new(c.Key, c.Label, c.Description, c.Scale, c.Min, c.Max, c.Required, c.Anchors);

    public Criterion ToCore() => new(Key, Label, Description, Scale, Min, Max, Required, Anchors);
}

/// <summary>Rubric versions as the pages show them.</summary>
public sealed class RubricCatalog(IDbContextFactory<AppDbContext> factory)
{
    /// <summary>Every version of every rubric, current versions first, newest first within a rubric.</summary>
    public async Task<IReadOnlyList<RubricVersionView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var versions = await db.RubricVersions.AsNoTracking()
            .Include(v => v.Rubric)
            .Include(v => v.Criteria)
            .ToListAsync(cancellationToken);
        return versions
            .OrderByDescending(v => v.IsCurrent)
            .ThenBy(v => v.Rubric.Key, StringComparer.Ordinal)
            .ThenByDescending(v => v.Number)
            .Select(v => new RubricVersionView(
                v.Id, v.Rubric.Key, v.Number, v.ContentHash, v.Name, v.Description, v.Guidelines, v.IsCurrent, v.LoadedAt,
                v.Criteria.OrderBy(c => c.Position).Select(c => new CriterionView(
                    c.Key, c.Label, c.Description, c.Scale, c.Min, c.Max, c.Required,
                    c.Anchors.OrderBy(a => a.Level).Select(a => new Anchor(a.Level, a.Text)).ToList())).ToList()))
            .ToList();
    }
}

public static class CriterionViewExtensions
{
    public static IEnumerable<int> Levels(this CriterionView c) => Enumerable.Range(c.Min, c.Max - c.Min + 1);

    /// <summary>Each level's name and anchor as the rater reads them (Core's <see cref="LevelNames"/>).</summary>
    public static IReadOnlyList<LevelName> LevelNames(this CriterionView c) => HumanEval.Core.Rubrics.LevelNames.Of(c.Scale, c.Min, c.Max, c.Anchors);
}
