using HumanEval.Data;
using HumanEval.Data.Entities;

namespace HumanEval.Web.Hosting;

/// <summary>The Development demo: one admin, one lead and six evaluators (1–3 domain experts, 4–6 representative users).</summary>
internal static class DemoSeed
{
    public const string Password = "Demo!2345";

    public static IReadOnlyList<NewUser> Users { get; } =
    [
        new("admin@demo.local", "Ada Admin", Roles.Admin, Password),
        new("lead@demo.local", "Lee Lead", Roles.Lead, Password),
        new("evaluator1@demo.local", "Evelyn Expert", Roles.Evaluator, Password, EvaluatorType.DomainExpert, ["billing", "support"]),
        new("evaluator2@demo.local", "Eduardo Expert", Roles.Evaluator, Password, EvaluatorType.DomainExpert, ["security"]),
        new("evaluator3@demo.local", "Esther Expert", Roles.Evaluator, Password, EvaluatorType.DomainExpert, ["code"]),
        new("evaluator4@demo.local", "Uma User", Roles.Evaluator, Password, EvaluatorType.RepresentativeUser, ["consumer"]),
        new("evaluator5@demo.local", "Ulrich User", Roles.Evaluator, Password, EvaluatorType.RepresentativeUser, ["small-business"]),
        new("evaluator6@demo.local", "Usha User", Roles.Evaluator, Password, EvaluatorType.RepresentativeUser, ["consumer", "mobile"]),
    ];

    /// <summary>Creates whatever of the demo is missing; returns true when anything was created.</summary>
    public static async Task<bool> RunAsync(IServiceProvider services, DateTime now)
    {
        var accounts = services.GetRequiredService<UserAccounts>();
        await accounts.EnsureRolesAsync();
        var created = false;
        foreach (var user in Users)
        {
            created |= await accounts.CreateAsync(user, now);
        }

        return created;
    }
}
