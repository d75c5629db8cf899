namespace HumanEval.Data.Entities;

/// <summary>The three roles of the product. Admins manage users; leads run campaigns; evaluators rate.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Lead = "Lead";
    public const string Evaluator = "Evaluator";

    public static readonly IReadOnlyList<string> All = [Admin, Lead, Evaluator];
}

/// <summary>Named authorization policies: one definition each, used by pages, menus and endpoints.</summary>
public static class Policies
{
    /// <summary>Leads and admins: campaigns, the pool, reports, rubrics, the audit log, uploads and exports.</summary>
    public const string LeadOrAdmin = "LeadOrAdmin";
}
