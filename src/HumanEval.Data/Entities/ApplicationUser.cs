using Microsoft.AspNetCore.Identity;

namespace HumanEval.Data.Entities;

public sealed class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public EvaluatorProfile? EvaluatorProfile { get; set; }
}
