namespace HumanEval.Data.Configurations;

/// <summary>
/// Names of the triggers that make the audit log and submitted ratings append-only in the database itself (created
/// by the migration <c>RatingVersions</c> of each provider: updates and deletes of audit entries and scores abort, and
/// a rating may only get its one-time <c>SupersededAt</c> stamp). The model declares them so EF writes these tables
/// without OUTPUT/RETURNING clauses, which SQL Server refuses on tables with triggers.
/// A future SQLite migration that rebuilds one of these tables (EF does that for some column changes) drops its
/// triggers and must create them again.
/// </summary>
public static class AppendOnly
{
    public const string AuditTrigger = "TR_AuditEntries_AppendOnly";
    public const string RatingsTrigger = "TR_Ratings_AppendOnly";
    public const string ScoresTrigger = "TR_Scores_AppendOnly";
}
