using System.Globalization;
using HumanEval.Data.Entities;

namespace HumanEval.Data;

/// <summary>The audit log's action names, one per thing recorded; the Audit page and its CSV filter by them.</summary>
public static class AuditActions
{
    public const string CampaignCreated = "campaign.created";
    public const string CampaignUpdated = "campaign.updated";
    public const string CampaignState = "campaign.state";
    public const string CampaignDeleted = "campaign.deleted";
    public const string CampaignExported = "campaign.exported";
    public const string RosterAdded = "roster.added";
    public const string RosterRemoved = "roster.removed";
    public const string ApiKeyCreated = "apikey.created";
    public const string ApiKeyRevoked = "apikey.revoked";
    public const string ApiKeyUsed = "apikey.used";
    public const string ExamplesImported = "examples.imported";
    public const string JudgeImported = "judge.imported";
    public const string RatingSubmitted = "rating.submitted";
    public const string RatingEdited = "rating.edited";
    public const string AssignmentSkipped = "assignment.skipped";
    public const string EvaluatorInvited = "evaluator.invited";
    public const string EvaluatorReinvited = "evaluator.reinvited";
    public const string EvaluatorProfile = "evaluator.profile";
    public const string EvaluatorRate = "evaluator.rate";
    public const string EvaluatorActivated = "evaluator.activated";
    public const string EvaluatorDeactivated = "evaluator.deactivated";
    public const string UserInvited = "user.invited";
    public const string UserReinvited = "user.reinvited";
    public const string UserRolesChanged = "user.roles-changed";
    public const string UserLocked = "user.locked";
    public const string UserUnlocked = "user.unlocked";
    public const string UserRemoved = "user.removed";
    public const string UserPasswordResetLink = "user.password-reset-link";
    public const string AuditExported = "audit.exported";
    public const string ReviewDecided = "review.decided";
    public const string EvaluatorReviewer = "evaluator.reviewer";
    public const string EvaluatorPaused = "evaluator.paused";
    public const string EvaluatorUnpaused = "evaluator.unpaused";
}

/// <summary>
/// The one place an audit row is built. Add it to the context of the write it records, before that write's
/// SaveChanges, so the change and its record land together or not at all.
/// </summary>
public static class AuditTrail
{
    public static void Record(this AppDbContext db, DateTime at, string? userId, string action, string? entity = null, string? entityId = null, string? details = null) =>
        db.AuditEntries.Add(new AuditEntry { At = at, UserId = userId, Action = action, Entity = entity, EntityId = entityId, Details = details });

    public static void RecordCampaign(this AppDbContext db, DateTime at, string? userId, string action, int campaignId, string? details) =>
        db.Record(at, userId, action, "Campaign", campaignId.ToString(CultureInfo.InvariantCulture), details);

    public static void RecordAssignment(this AppDbContext db, DateTime at, string? userId, string action, long assignmentId, string? details) =>
        db.Record(at, userId, action, "Assignment", assignmentId.ToString(CultureInfo.InvariantCulture), details);
}
