using System.Text;
using HumanEval.Core;
using HumanEval.Data;
using HumanEval.Data.Entities;
using HumanEval.Data.Workflow;
using Microsoft.AspNetCore.WebUtilities;

namespace HumanEval.Web.Features.Evaluators;

/// <summary>Sends an invitation link by email. The default sends nothing and the lead passes the link on; plug in a real sender with DI.</summary>
public interface IInvitationSender
{
    /// <summary>True when the invitation went out; false when the lead must pass the link on.</summary>
    Task<bool> SendAsync(string email, string displayName, string link, CancellationToken ct);
}

internal sealed class NoEmailInvitationSender(ILogger<NoEmailInvitationSender> logger) : IInvitationSender
{
    public Task<bool> SendAsync(string email, string displayName, string link, CancellationToken ct)
    {
        // The link is a credential: it is shown once to the lead and never logged.
        logger.LogInformation("No email sender is configured; the invitation for {Email} is shown to the lead only.", email);
        return Task.FromResult(false);
    }
}

public sealed class InviteModel
{
    public string Email { get; set; } = "";

    public EvaluatorEdit Profile { get; set; } = new();
}

/// <summary>An invitation: problems in words, or the single-use link (shown once) and whether it was emailed.</summary>
public sealed record InvitationResult(IReadOnlyList<string> Problems, string? Link = null, bool Emailed = false) : RuleResult(Problems);

/// <summary>Invites evaluators: creates the account, issues the single-use link, sends it if a sender is configured, audits.</summary>
public sealed class EvaluatorInvitations(IServiceScopeFactory scopes, IInvitationSender sender, TimeProvider clock)
{
    public async Task<InvitationResult> InviteAsync(InviteModel model, string baseUri, string leadId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var problems = EvaluatorAdmin.Validate(model.Profile).Problems.ToList();
        if (!System.Net.Mail.MailAddress.TryCreate(model.Email.Trim(), out var address) || address.Address != model.Email.Trim())
        {
            problems.Insert(0, "Enter a valid email address.");
        }

        if (problems.Count > 0)
        {
            return new InvitationResult(problems);
        }

        await using var scope = scopes.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        var p = model.Profile;
        var rate = p.RateCard;
        var now = clock.GetUtcNow().UtcDateTime;
        var created = await accounts.InviteAsync(new NewInvitation(model.Email, p.DisplayName, p.Type, p.TagList, rate.Hourly, rate.PerRating, rate.Currency, p.WeeklyHourLimit), now);
        if (created is not { } invited)
        {
            return new InvitationResult(["Someone with this email already has an account."]);
        }

        await AuditAsync(scope, leadId, AuditActions.EvaluatorInvited, invited.User.Id, invited.User.Email, now, ct);
        return await DeliverAsync(invited.User, invited.Token, baseUri, ct);
    }

    /// <summary>A fresh link for someone who has not accepted yet; the old link stops working.</summary>
    public async Task<InvitationResult> ReinviteAsync(string userId, string baseUri, string leadId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        if (await accounts.ReinviteAsync(userId) is not { } invited)
        {
            return new InvitationResult(["This evaluator has already accepted the invitation."]);
        }

        await AuditAsync(scope, leadId, AuditActions.EvaluatorReinvited, userId, invited.User.Email, clock.GetUtcNow().UtcDateTime, ct);
        return await DeliverAsync(invited.User, invited.Token, baseUri, ct);
    }

    public static string LinkFor(string baseUri, string userId, string token) =>
        QueryHelpers.AddQueryString(baseUri.TrimEnd('/') + "/Account/AcceptInvitation", new Dictionary<string, string?>
        {
            ["userId"] = userId,
            ["code"] = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token)),
        });

    private async Task<InvitationResult> DeliverAsync(ApplicationUser user, string token, string baseUri, CancellationToken ct)
    {
        var link = LinkFor(baseUri, user.Id, token);
        var emailed = await sender.SendAsync(user.Email!, user.DisplayName, link, ct);
        return new InvitationResult([], link, emailed);
    }

    private static async Task AuditAsync(AsyncServiceScope scope, string leadId, string action, string userId, string? details, DateTime now, CancellationToken ct)
    {
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Record(now, leadId, action, "Evaluator", userId, details);
        await db.SaveChangesAsync(ct);
    }
}
