namespace HumanEval.Data.Entities;

/// <summary>The three roles of the product. Admins manage users; leads run campaigns; evaluators rate.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Lead = "Lead";
    public const string Evaluator = "Evaluator";

    /// <summary>Roles allowed on lead pages (admins can do what leads do).</summary>
    public const string LeadOrAdmin = Lead + "," + Admin;

    public static readonly IReadOnlyList<string> All = [Admin, Lead, Evaluator];
}
