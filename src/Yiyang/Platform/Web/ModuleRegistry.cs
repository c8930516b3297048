namespace Yiyang.Platform.Web;

/// <summary>The explicit list of modules: each module wires itself in its own <see cref="YiyangModule"/>.</summary>
public static class ModuleRegistry
{
    public static readonly IReadOnlyList<YiyangModule> All =
    [
        new Modules.Accounts.AccountsModule(),
        new Modules.Audit.AuditModule(),
        new Regions.RegionsModule(),
        new Modules.Organizations.OrganizationsModule(),
        new Modules.Elders.EldersModule(),
        new Modules.FamilyDoctor.FamilyDoctorModule(),
        new Modules.HomeVisits.HomeVisitsModule(),
        new Modules.Institutions.InstitutionsModule(),
        new Modules.Sickbeds.SickbedsModule(),
        new Modules.Assessments.AssessmentsModule(),
        new Modules.Billing.BillingModule(),
        new Modules.HealthManagement.HealthManagementModule(),
        new Modules.Referrals.ReferralsModule(),
        new Modules.GreenChannel.GreenChannelModule(),
        new Modules.CareSummary.CareSummaryModule(),
        new Modules.Agreements.AgreementsModule(),
        new Modules.Claims.ClaimsModule(),
        new Modules.DailyCare.DailyCareModule(),
        new Modules.Emergency.EmergencyModule(),
        new Modules.Inbox.InboxModule(),
        new Modules.Supervision.SupervisionModule(),
        new Modules.Targets.TargetsModule(),
        new Modules.Fhir.FhirModule(),
    ];

    public static IServiceCollection AddModules(this IServiceCollection services, IConfiguration config)
    {
        foreach (var module in All) module.AddServices(services, config);
        return services;
    }

    /// <summary>Every module route, each write in one transaction (<see cref="Data.RequestTransaction"/>).</summary>
    public static IEndpointRouteBuilder MapModules(this IEndpointRouteBuilder app)
    {
        // one root group: every write in one transaction, every route's arguments checked by the platform
        var root = app.MapGroup("");
        root.AddEndpointFilter(Data.RequestTransaction.Filter);
        root.AddEndpointFilterFactory(PlausibleArguments.Factory);
        foreach (var module in All) module.MapEndpoints(root);
        return app;
    }

    public static void ConfigureModules(ModelBuilder model)
    {
        foreach (var module in All) module.ConfigureModel(model);
    }
}
