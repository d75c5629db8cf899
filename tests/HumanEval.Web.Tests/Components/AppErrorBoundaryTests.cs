using Bunit;
using HumanEval.Data;
using HumanEval.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Data.Sqlite;

namespace HumanEval.Web.Tests.Components;

public sealed class AppErrorBoundaryTests : MudComponentTest
{
    /// <summary>A page whose button fails like a lead's action when the database is locked (or with a plain bug).</summary>
    private sealed class FailingPage : ComponentBase
    {
        [Parameter]
        public Exception Failure { get; set; } = default!;

        public static bool Fail { get; set; } = true;

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "id", "act");
            builder.AddAttribute(2, "onclick", EventCallback.Factory.Create(this, () => Fail ? throw Failure : Task.CompletedTask));
            builder.AddContent(3, "Save");
            builder.CloseElement();
        }
    }

    [Fact]
    public void A_database_fault_in_a_page_shows_a_clear_message_and_try_again_brings_the_page_back()
    {
        FailingPage.Fail = true;
        var cut = Render<AppErrorBoundary>(p => p.AddChildContent<FailingPage>(c => c.Add(x => x.Failure, new SqliteException("database is locked", 5))));

        cut.Find("#act").Click();

        Assert.Contains(DatabaseFaults.PageMessage, cut.Find("[data-testid=page-error]").TextContent);
        FailingPage.Fail = false;
        cut.Find("[data-testid=page-error] button").Click();
        cut.Find("#act").Click();
        Assert.Empty(cut.FindAll("[data-testid=page-error]"));
    }

    [Fact]
    public void Any_other_failure_shows_the_general_message_not_the_database_one()
    {
        FailingPage.Fail = true;
        var cut = Render<AppErrorBoundary>(p => p.AddChildContent<FailingPage>(c => c.Add(x => x.Failure, new InvalidOperationException("bug"))));

        cut.Find("#act").Click();

        var text = cut.Find("[data-testid=page-error]").TextContent;
        Assert.Contains("Something went wrong on this page", text);
        Assert.DoesNotContain("database", text);
    }
}
