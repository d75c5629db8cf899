using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using HumanEval.Core.Assignment;
using HumanEval.Data;
using HumanEval.Data.Workflow;
using HumanEval.Data.Entities;
using HumanEval.Web.Features.Users;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HumanEval.Web.Tests.Hosting;

/// <summary>Admins manage accounts in the browser's service: create with a link, roles, lock, reset — all audited.</summary>
public sealed partial class UserAdministrationTests : IDisposable
{
    private const string Base = "http://localhost/";
    private readonly TestApp app = new();

    public void Dispose() => app.Dispose();

    private UserAdministration Accounts => app.Services.GetRequiredService<UserAdministration>();

    private string IdOf(string email) => app.WithDb(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).Single());

    private string[] RolesOf(string email) => app.WithDb(db => (from u in db.Users
                                                                join ur in db.UserRoles on u.Id equals ur.UserId
                                                                join r in db.Roles on ur.RoleId equals r.Id
                                                                where u.Email == email
                                                                select r.Name!).OrderBy(n => n).ToArray());

    private List<AuditEntry> Audit(string action) => app.WithDb(db => db.AuditEntries.Where(a => a.Action == action).OrderBy(a => a.Id).ToList());

    private async Task<HttpStatusCode> SignInAsync(string email, string password) =>
        (await TestApp.LoginAsync(app.CreateBrowserLikeClient(), email, password)).StatusCode;

    [Fact]
    public async Task An_admin_creates_a_lead_whose_invitation_link_sets_a_password_and_signs_in()
    {
        var admin = IdOf("admin@demo.local");

        var result = await Accounts.CreateAsync(new NewUserModel { Email = "lee@demo.local", DisplayName = "Lee Lead", Roles = [Roles.Lead] }, Base, admin);

        Assert.True(result.Ok, string.Join(" ", result.Problems));
        Assert.Equal("invitation", result.LinkKind);
        Assert.Equal(["Lead"], RolesOf("lee@demo.local"));
        Assert.Equal(0, app.WithDb(db => db.EvaluatorProfiles.Count(p => p.User.Email == "lee@demo.local")));
        var entry = Assert.Single(Audit("user.invited"));
        Assert.Equal((admin, "User", IdOf("lee@demo.local"), "lee@demo.local (Lee Lead): roles Lead"), (entry.UserId, entry.Entity, entry.EntityId, entry.Details));

        var query = QueryHelpers.ParseQuery(new Uri(result.Link!).Query);
        var token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(query["code"]!));
        using (var scope = app.Services.CreateScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserAccounts>().AcceptInvitationAsync(query["userId"]!, token, "Welcome!2026")).Succeeded);
        }

        Assert.Equal(HttpStatusCode.Redirect, await SignInAsync("lee@demo.local", "Welcome!2026"));
        var again = await Accounts.CreateAsync(new NewUserModel { Email = "lee@demo.local", DisplayName = "Lee again", Roles = [Roles.Lead] }, Base, admin);
        Assert.Equal(["Someone with this email already has an account."], again.Problems);
        var bad = await Accounts.CreateAsync(new NewUserModel { Email = "not an email", DisplayName = " ", Roles = [] }, Base, admin);
        Assert.Equal(["Enter a valid email address.", "Enter the person's name.", "Choose at least one role."], bad.Problems);
    }

    [Fact]
    public async Task Creating_an_evaluator_gives_a_profile_of_the_chosen_type()
    {
        var result = await Accounts.CreateAsync(new NewUserModel { Email = "eva@demo.local", DisplayName = "Eva", Roles = [Roles.Evaluator, Roles.Lead], EvaluatorKind = EvaluatorKind.DomainExpert }, Base, IdOf("admin@demo.local"));

        Assert.True(result.Ok);
        Assert.Equal(["Evaluator", "Lead"], RolesOf("eva@demo.local"));
        Assert.Equal(EvaluatorKind.DomainExpert, app.WithDb(db => db.EvaluatorProfiles.Single(p => p.User.Email == "eva@demo.local").Type));
    }

    [Fact]
    public async Task Role_changes_are_audited_before_and_after_and_the_evaluator_role_follows_the_profile()
    {
        var admin = IdOf("admin@demo.local");
        var evaluator = IdOf("evaluator1@demo.local");

        Assert.True((await Accounts.SetRolesAsync(evaluator, [Roles.Lead, Roles.Evaluator], admin)).Ok);
        Assert.True((await Accounts.SetRolesAsync(evaluator, [Roles.Lead], admin)).Ok);

        Assert.Equal(["Lead"], RolesOf("evaluator1@demo.local"));
        Assert.False(app.WithDb(db => db.EvaluatorProfiles.Single(p => p.UserId == evaluator).Active)); // no new work; past ratings stay
        Assert.Equal(["evaluator1@demo.local: roles Evaluator → Evaluator, Lead", "evaluator1@demo.local: roles Evaluator, Lead → Lead"],
            Audit("user.roles-changed").Select(a => a.Details));
        Assert.True((await Accounts.SetRolesAsync(evaluator, [Roles.Lead, Roles.Evaluator], admin)).Ok);
        Assert.True(app.WithDb(db => db.EvaluatorProfiles.Single(p => p.UserId == evaluator).Active));
        Assert.Equal(["Give the account at least one role, or lock it to stop its access."], (await Accounts.SetRolesAsync(evaluator, [], admin)).Problems);
    }

    [Fact]
    public async Task The_last_admin_keeps_the_role_and_cannot_be_locked_and_nobody_locks_themselves()
    {
        var admin = IdOf("admin@demo.local");
        var lead = IdOf("lead@demo.local");

        var drop = await Accounts.SetRolesAsync(admin, [Roles.Lead], admin);
        Assert.Equal(["You are the last admin: make someone else an admin before you give up the role."], drop.Problems);
        Assert.Equal(["Admin"], RolesOf("admin@demo.local"));
        Assert.Equal(["You cannot lock your own account."], (await Accounts.LockAsync(admin, true, admin)).Problems);

        // With a second admin who can sign in, the first may step down; a locked second admin does not count.
        Assert.True((await Accounts.SetRolesAsync(lead, [Roles.Admin, Roles.Lead], admin)).Ok);
        Assert.True((await Accounts.LockAsync(lead, true, admin)).Ok);
        Assert.NotEmpty((await Accounts.SetRolesAsync(admin, [Roles.Lead], admin)).Problems);
        Assert.True((await Accounts.LockAsync(lead, false, admin)).Ok);
        Assert.True((await Accounts.SetRolesAsync(admin, [Roles.Lead], admin)).Ok);
        Assert.Equal(["Lead"], RolesOf("admin@demo.local"));
        Assert.DoesNotContain(Audit("user.locked").Concat(Audit("user.roles-changed")), a => a.Details is null);
    }

    [Fact]
    public async Task A_locked_account_cannot_sign_in_until_unlocked_and_both_are_audited()
    {
        var admin = IdOf("admin@demo.local");
        var evaluator = IdOf("evaluator2@demo.local");
        var stamp = app.WithDb(db => db.Users.Single(u => u.Id == evaluator).SecurityStamp);

        Assert.True((await Accounts.LockAsync(evaluator, true, admin)).Ok);

        Assert.NotEqual(stamp, app.WithDb(db => db.Users.Single(u => u.Id == evaluator).SecurityStamp)); // open sessions end at their next check
        var client = app.CreateBrowserLikeClient();
        var refused = await TestApp.LoginAsync(client, "evaluator2@demo.local", "Demo!2345");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode); // stays on the login page, which says what it says to everyone
        Assert.Contains(HumanEval.Web.Components.Account.PasswordSignIn.Failed, System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.True((await Accounts.LockAsync(evaluator, false, admin)).Ok);
        Assert.Equal(HttpStatusCode.Redirect, await SignInAsync("evaluator2@demo.local", "Demo!2345"));
        Assert.Equal(["evaluator2@demo.local: active → locked"], Audit("user.locked").Select(a => a.Details));
        Assert.Equal(["evaluator2@demo.local: locked → active"], Audit("user.unlocked").Select(a => a.Details));
    }

    [Fact]
    public async Task A_reset_link_sets_a_new_password_through_the_reset_page_once()
    {
        var admin = IdOf("admin@demo.local");
        var result = await Accounts.ResetLinkAsync(IdOf("evaluator3@demo.local"), Base, admin);
        Assert.Equal("password reset", result.LinkKind);
        var path = new Uri(result.Link!).PathAndQuery;
        Assert.StartsWith("/Account/ResetPassword?code=", path, StringComparison.Ordinal);

        async Task<HttpResponseMessage> ResetAsync(string password)
        {
            var client = app.CreateBrowserLikeClient();
            var page = await client.GetStringAsync(path);
            var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "reset-password",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value),
                ["Input.Code"] = WebUtility.HtmlDecode(Code().Match(page).Groups[1].Value),
                ["Input.Email"] = "evaluator3@demo.local",
                ["Input.Password"] = password,
                ["Input.ConfirmPassword"] = password,
            });
            return await client.PostAsync(path, form); // the form posts back to its own address, code included
        }

        var first = await ResetAsync("Changed!2026");
        Assert.Contains("ResetPasswordConfirmation", first.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, await SignInAsync("evaluator3@demo.local", "Changed!2026"));
        Assert.NotEqual(HttpStatusCode.Redirect, await SignInAsync("evaluator3@demo.local", "Demo!2345"));
        var second = await ResetAsync("Another!2026"); // the token died with the password change
        Assert.DoesNotContain("ResetPasswordConfirmation", second.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(["evaluator3@demo.local: reset link issued"], Audit("user.password-reset-link").Select(a => a.Details));

        // An account that never set a password gets a fresh invitation instead.
        var invited = await Accounts.CreateAsync(new NewUserModel { Email = "pat@demo.local", DisplayName = "Pat", Roles = [Roles.Lead] }, Base, admin);
        var renewed = await Accounts.ResetLinkAsync(IdOf("pat@demo.local"), Base, admin);
        Assert.Equal("invitation", renewed.LinkKind);
        Assert.NotEqual(invited.Link, renewed.Link);
    }

    [Fact]
    public async Task Removing_a_person_keeps_their_ratings_under_a_neutral_reference_and_frees_their_address()
    {
        var admin = IdOf("admin@demo.local");
        var evaluator = IdOf("evaluator6@demo.local");
        var ratingsBefore = app.WithDb(db => db.Ratings.Count(r => r.EvaluatorId == evaluator));
        Assert.True(ratingsBefore > 0, "the demo's closed campaign has ratings by evaluator6");

        Assert.Equal(["You cannot remove your own account."], (await Accounts.RemoveAsync(admin, admin)).Problems);
        Assert.True((await Accounts.RemoveAsync(evaluator, admin)).Ok);

        var removed = app.WithDb(db => db.Users.AsNoTracking().Single(u => u.Id == evaluator));
        Assert.Matches("^removed-[0-9a-f]{8}@removed\\.invalid$", removed.Email);
        Assert.StartsWith("Removed person ", removed.DisplayName, StringComparison.Ordinal);
        Assert.Null(removed.PasswordHash);
        Assert.Empty(RolesOf(removed.Email!));
        Assert.Equal(ratingsBefore, app.WithDb(db => db.Ratings.Count(r => r.EvaluatorId == evaluator)));
        Assert.False(app.WithDb(db => db.EvaluatorProfiles.Single(p => p.UserId == evaluator).Active));
        Assert.NotEqual(HttpStatusCode.Redirect, await SignInAsync("evaluator6@demo.local", "Demo!2345"));
        Assert.Equal([$"evaluator6@demo.local → {removed.Email} (ratings kept under this reference)"], Audit("user.removed").Select(a => a.Details));

        // The address is free again: the person can be invited afresh as a new account.
        var again = await Accounts.CreateAsync(new NewUserModel { Email = "evaluator6@demo.local", DisplayName = "Eve Again", Roles = [Roles.Evaluator] }, Base, admin);
        Assert.True(again.Ok, string.Join(" ", again.Problems));
        Assert.NotEqual(evaluator, IdOf("evaluator6@demo.local"));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("name=\"Input.Code\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Code();
}
