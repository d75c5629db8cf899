using HumanEval.Data.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HumanEval.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// Identity builds its tables from <see cref="IdentityOptions"/> found in the application's services (version 3
    /// adds passkeys). Every host (web, CLI, design-time tools) must configure the store the same way, or the model
    /// would differ from the migrations.
    /// </summary>
    /// <summary>Identity settings every host shares (the app and the CLI): the store schema and the password rule.</summary>
    public static void ConfigureIdentityStore(IdentityOptions options)
    {
        options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
        options.Password.RequiredLength = HumanEval.Core.Accounts.PasswordPolicy.MinimumLength;
    }

    private static readonly IServiceProvider FallbackServices = new ServiceCollection()
        .Configure<IdentityOptions>(ConfigureIdentityStore)
        .BuildServiceProvider();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<EvaluatorProfile> EvaluatorProfiles => Set<EvaluatorProfile>();

    public DbSet<Rubric> Rubrics => Set<Rubric>();

    public DbSet<RubricVersion> RubricVersions => Set<RubricVersion>();

    public DbSet<Criterion> Criteria => Set<Criterion>();

    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<RosterMember> RosterMembers => Set<RosterMember>();

    public DbSet<Example> Examples => Set<Example>();

    public DbSet<Assignment> Assignments => Set<Assignment>();

    public DbSet<RatingDraft> RatingDrafts => Set<RatingDraft>();

    public DbSet<Rating> Ratings => Set<Rating>();

    public DbSet<Score> Scores => Set<Score>();

    public DbSet<EvaluationSession> EvaluationSessions => Set<EvaluationSession>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<JudgeScore> JudgeScores => Set<JudgeScore>();

    public DbSet<ReviewDecision> ReviewDecisions => Set<ReviewDecision>();

    public DbSet<EvaluatorPause> EvaluatorPauses => Set<EvaluatorPause>();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        // A context made without application services (tests, tools) still gets the same Identity schema.
        if (optionsBuilder.Options.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider is null)
        {
            optionsBuilder.UseApplicationServiceProvider(FallbackServices);
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
