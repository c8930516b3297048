using Yiyang.Modules.Accounts;
using Yiyang.Modules.Assessments;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Elders.Import;
using Yiyang.Modules.Organizations;
using Yiyang.Platform.Audit;
using Yiyang.Platform.Regions;

namespace Yiyang.Platform.Web;

/// <summary>The explicit list of modules: every module's services and endpoints are wired here, by hand.</summary>
public static class ModuleRegistry
{
    public static IServiceCollection AddModules(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<AccountService>();
        services.AddScoped<OrganizationService>();
        services.AddScoped<ElderService>();
        services.AddScoped<Modules.FamilyDoctor.FamilyDoctorService>();
        services.Configure<Modules.FamilyDoctor.FamilyDoctorOptions>(config.GetSection("FamilyDoctor"));
        services.AddScoped<Modules.Elders.Import.ElderImporter>();
        services.Configure<ElderOptions>(config.GetSection("Elders"));
        services.AddScoped<Modules.HomeCare.HomeCareService>();
        services.AddScoped<Modules.Institutions.InstitutionService>();
        services.AddScoped<Modules.Sickbeds.SickbedService>();
        services.Configure<Modules.Sickbeds.SickbedOptions>(config.GetSection("Sickbeds"));
        services.AddScoped<Modules.Sickbeds.ISickbedConflicts, Modules.Sickbeds.InstitutionStayConflicts>(); // first of the conflicts; in-patient records register after it
        services.Configure<Modules.HomeCare.HomeCareOptions>(config.GetSection("HomeCare"));
        services.AddScoped<IVisitHistory, Modules.HomeCare.HomeVisitHistory>(); // the 台账's last visit dates
        services.Configure<AssessmentOptions>(config.GetSection("Assessments"));
        services.AddSingleton<InstrumentCatalog>();
        services.AddScoped<Modules.HealthManagement.HealthManagementService>();
        services.AddScoped<Modules.HealthManagement.IndicatorService>();
        services.Configure<Modules.HealthManagement.HealthManagementOptions>(config.GetSection("HealthManagement"));
        services.AddScoped<Modules.HealthManagement.IndicatorAggregator>();
        services.Configure<Modules.HealthManagement.IndicatorAggregateOptions>(config.GetSection("HealthManagement:Indicators"));
        services.AddHostedService<Modules.HealthManagement.IndicatorRefresher>();
        services.AddScoped<Modules.Referrals.ReferralService>();
        services.AddScoped<Modules.GreenChannel.GreenChannelService>();
        services.AddScoped<Modules.Agreements.AgreementService>();
        services.AddScoped<Modules.Assessments.Records.AssessmentService>(); // IReassessmentTriggers: registered by the modules that record falls, discharges, diagnoses
        services.AddScoped<Modules.Assessments.Records.IReassessmentTriggers, Modules.Referrals.ReferralReassessmentTriggers>();   // 出院下转
        services.AddScoped<Modules.Assessments.Records.IReassessmentTriggers, Modules.Sickbeds.SickbedReassessmentTriggers>();     // 新诊断
        services.AddScoped<Modules.Assessments.Records.IReassessmentTriggers, Modules.Institutions.DischargeReassessmentTriggers>(); // 医疗床位出院
        services.AddScoped<Modules.Billing.BillingService>();
        services.AddSingleton<Modules.Billing.BillingSettingsCache>();
        services.AddScoped<Modules.Billing.VisitCharging>(); // ILtcPlanCoverage: registered by the care-plan module (issue 4)
        services.Configure<Modules.Assessments.CarePlans.CarePlanOptions>(config.GetSection("CarePlans"));
        services.AddScoped<Modules.Assessments.CarePlans.CarePlanService>();
        services.AddScoped<Yiyang.Modules.Billing.ILtcPlanCoverage, Modules.Assessments.CarePlans.CarePlanLtcCoverage>();
        services.AddSingleton<Modules.Assessments.CarePlans.LtcTablesSource>();
        services.AddSingleton<ILtcTablesSource>(sp => sp.GetRequiredService<Modules.Assessments.CarePlans.LtcTablesSource>());
        services.AddScoped<Modules.Assessments.CarePlans.LtcTablesService>();
        services.AddScoped<Modules.CareSummary.CareSummaryService>(); // the elder page's care summary
        services.AddScoped<Modules.CareSummary.WorkListReminderService>(); // reassessment and yearly-check reminders of the work list
        services.AddScoped<Modules.Claims.ClaimsService>();
        services.Configure<Modules.Claims.ClaimsOptions>(config.GetSection("Claims"));
        services.AddMemoryCache(); // the public free-beds list keeps its answers 60 s
        services.AddScoped<Modules.Institutions.FreeBedsService>();
        services.AddScoped<Modules.Elders.Falls.FallService>();
        services.AddScoped<Modules.Assessments.Records.IReassessmentTriggers, Modules.Elders.Falls.FallReassessmentTriggers>(); // 跌倒
        services.AddScoped<Modules.HealthManagement.Prescriptions.PrescriptionService>();
        services.Configure<Modules.HealthManagement.Prescriptions.LongTermPrescriptionOptions>(config.GetSection("HealthManagement:LongTermPrescriptions"));
        services.AddScoped<Modules.DailyCare.DailyCareService>();
        services.AddScoped<Modules.DailyCare.MedicalRoomService>();
        services.AddScoped<Modules.DailyCare.ZoningService>();
        return services;
    }

    public static IEndpointRouteBuilder MapModules(this IEndpointRouteBuilder app)
    {
        app.MapAccounts();
        app.MapRegions();
        app.MapOrganizations();
        app.MapElders();
        Modules.FamilyDoctor.FamilyDoctorApi.MapFamilyDoctor(app);
        Modules.HomeCare.HomeCareApi.MapHomeCare(app);
        Modules.Institutions.InstitutionsApi.MapInstitutions(app);
        Modules.Sickbeds.SickbedsApi.MapSickbeds(app);
        Modules.HomeCare.VisitPlanner.MapVisitPlanner(app); // POST /api/home-visits/plan
        app.MapElderImport();
        app.MapAudit();
        app.MapAssessments();
        Modules.Assessments.Records.AssessmentRecordsApi.MapAssessmentRecords(app);
        Modules.Billing.BillingApi.MapBilling(app);
        Modules.Assessments.CarePlans.CarePlansApi.MapCarePlans(app);
        Modules.HealthManagement.HealthManagementApi.MapHealthManagement(app);
        Modules.Referrals.ReferralsApi.MapReferrals(app);
        Modules.GreenChannel.GreenChannelApi.MapGreenChannel(app);
        Modules.CareSummary.CareSummaryApi.MapCareSummary(app); // GET /api/elders/{id}/care-summary
        Modules.Agreements.AgreementsApi.MapAgreements(app);
        Modules.Claims.ClaimsApi.MapClaims(app);
        Modules.Institutions.FreeBedsApi.MapFreeBeds(app); // GET /api/public/institutions/free-beds (anonymous)
        Modules.Elders.Falls.FallsApi.MapFalls(app); // /api/elders/{id}/falls
        Modules.HealthManagement.Prescriptions.LongTermPrescriptionsApi.MapLongTermPrescriptions(app); // /api/long-term-prescriptions
        Modules.DailyCare.DailyCareApi.MapDailyCare(app);
        return app;
    }
}
