using Bunit;
using HumanEval.Data.Entities;
using HumanEval.Web.Components.Layout;

namespace HumanEval.Web.Tests.Components;

public sealed class NavMenuTests : MudComponentTest
{
    private IReadOnlyList<string> LinksFor(params string[] roles)
    {
        var auth = AddAuthorization();
        if (roles.Length > 0)
        {
            auth.SetAuthorized("someone@demo.local");
            auth.SetRoles(roles);
            // What the app's LeadOrAdmin policy grants (its definition is pinned by the HTTP authorization matrix).
            if (roles.Contains(Roles.Lead) || roles.Contains(Roles.Admin))
            {
                auth.SetPolicies(Policies.LeadOrAdmin);
            }
        }

        var menu = Render<NavMenu>();
        return menu.FindAll("a").Select(a => a.TextContent.Trim()).ToList();
    }

    [Fact]
    public void An_evaluator_sees_my_work_and_no_lead_or_admin_pages()
    {
        var links = LinksFor(Roles.Evaluator);

        Assert.Contains("My work", links);
        Assert.DoesNotContain("Campaigns", links);
        Assert.DoesNotContain("Users", links);
    }

    [Fact]
    public void A_lead_sees_campaigns_evaluators_and_rubrics_but_not_users()
    {
        var links = LinksFor(Roles.Lead);

        Assert.Equal(["Campaigns", "Evaluators", "Rubrics", "Review", "Audit log", "Account"], links);
    }

    [Fact]
    public void An_admin_sees_the_lead_pages_and_users()
    {
        var links = LinksFor(Roles.Admin);

        Assert.Contains("Users", links);
        Assert.Contains("Campaigns", links);
        Assert.DoesNotContain("My work", links);
    }

    [Fact]
    public void Anonymous_visitors_see_only_log_in()
    {
        Assert.Equal(["Log in"], LinksFor());
    }
}
