using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

/// <summary>Reading a rubric version's criteria: one query for every service that needs them.</summary>
public static class CriteriaQueries
{
    /// <summary>The criteria of a rubric version in rubric order, untracked.</summary>
    public static IQueryable<Entities.Criterion> CriteriaOf(this AppDbContext db, int rubricVersionId) =>
        db.Criteria.AsNoTracking().Where(c => c.RubricVersionId == rubricVersionId).OrderBy(c => c.Position);

    /// <summary>The same criteria as Core's <see cref="Core.Rubrics.Criterion"/>, which the validation rules take (anchors are not needed there).</summary>
    public static async Task<IReadOnlyList<Core.Rubrics.Criterion>> RuleCriteriaAsync(this AppDbContext db, int rubricVersionId, CancellationToken ct) =>
        (await db.CriteriaOf(rubricVersionId).ToListAsync(ct))
            .Select(c => new Core.Rubrics.Criterion(c.Key, c.Label, c.Description, c.Scale, c.Min, c.Max, c.Required, [])).ToList();
}
