using HumanEval.Data.Export;
using HumanEval.Data.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HumanEval.Data;

public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// The product's use cases on the database, registered once for every host (web app, CLI, tests, benchmarks):
    /// the database (<see cref="DatabaseServiceCollectionExtensions.AddHumanEvalDatabase"/>), the workflow services
    /// (stateless singletons over the context factory) and the account services (scoped: they use Identity's
    /// UserManager, which the host registers with its own Identity setup). Needs a <see cref="TimeProvider"/>; the
    /// system clock unless the host registered another.
    /// </summary>
    public static IServiceCollection AddHumanEvalWorkflow(this IServiceCollection services, string baseDirectory)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHumanEvalDatabase(baseDirectory);
        services.TryAddSingleton<WorkQueue>();
        services.TryAddSingleton<WorkSessions>();
        services.TryAddSingleton<DraftStore>();
        services.TryAddSingleton<RatingSubmissions>();
        services.TryAddSingleton<Reservations>();
        services.TryAddSingleton<WorkQueries>();
        services.TryAddSingleton<RatingEdits>();
        services.TryAddSingleton<CampaignQueries>();
        services.TryAddSingleton<ExampleImporter>();
        services.TryAddSingleton<ExamplePairing>();
        services.TryAddSingleton<CampaignAdmin>();
        services.TryAddSingleton<RosterAdmin>();
        services.TryAddSingleton<ApiKeyAdmin>();
        services.TryAddSingleton<AgreementQueries>();
        services.TryAddSingleton<ComparisonQueries>();
        services.TryAddSingleton<PairwiseQueries>();
        services.TryAddSingleton<ReviewQueries>();
        services.TryAddSingleton<ReviewDesk>();
        services.TryAddSingleton<BehaviourQueries>();
        services.TryAddSingleton<Pauses>();
        services.TryAddSingleton<HumanEval.Data.Export.PairwiseFiles>();
        services.TryAddSingleton<JudgeImporter>();
        services.TryAddSingleton<ExampleQueries>();
        services.TryAddSingleton<EvaluatorAdmin>();
        services.TryAddSingleton<OperationsQueries>();
        services.TryAddSingleton<AuditQueries>();
        services.TryAddSingleton<CampaignWorkbook>();
        services.TryAddScoped<UserAccounts>();
        services.TryAddScoped<AccountAccess>();
        services.TryAddScoped<UserDirectory>();
        services.TryAddScoped<RubricCatalog>();
        return services;
    }
}
