using Microsoft.EntityFrameworkCore;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.Assessments;

/// <summary>Assessment instruments and scoring, saved assessments with reassessment, care levels, care plans and 长护险 tables.</summary>
public sealed class AssessmentsModule : YiyangModule
{
    public override void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.Configure<AssessmentOptions>(config.GetSection("Assessments"));
        services.AddSingleton<InstrumentCatalog>();
        services.AddScoped<Records.AssessmentService>(); // IReassessmentTriggers: registered by the modules that record falls, discharges, diagnoses
        services.Configure<CarePlans.CarePlanOptions>(config.GetSection("CarePlans"));
        services.AddScoped<CarePlans.CarePlanService>();
        services.AddScoped<Billing.ILtcPlanCoverage, CarePlans.CarePlanLtcCoverage>();
        services.AddSingleton<CarePlans.LtcTablesSource>();
        services.AddSingleton<ILtcTablesSource>(sp => sp.GetRequiredService<CarePlans.LtcTablesSource>());
        services.AddScoped<CarePlans.LtcTablesService>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapAssessments();
        Records.AssessmentRecordsApi.MapAssessmentRecords(app);
        CarePlans.CarePlansApi.MapCarePlans(app);
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.ApplyConfiguration(new Records.AssessmentConfiguration());
        model.ApplyConfiguration(new CarePlans.CareLevelMappingConfiguration());
        model.ApplyConfiguration(new CarePlans.CarePlanConfiguration());
        model.ApplyConfiguration(new CarePlans.CarePlanItemConfiguration());
        model.ApplyConfiguration(new CarePlans.LtcTablesVersionConfiguration());
    }

    public override IReadOnlyDictionary<string, string[]> PolicyRoles { get; } = new Dictionary<string, string[]>
    {
        [Policies.AssessmentsScore] = [Roles.PlatformAdmin, Roles.Regulator, Roles.Doctor, Roles.Nurse, Roles.Caregiver,
            Roles.InstitutionAdmin],
        // care plans: medical and institution staff draft and confirm; the care-level mapping: platform admin, health/civil-affairs regulators
        [Policies.CarePlansWrite] = [Roles.PlatformAdmin, Roles.Doctor, Roles.Nurse, Roles.InstitutionAdmin],
        [Policies.CareLevelsManage] = [Roles.PlatformAdmin, Roles.Regulator],
        [Policies.LtcTablesManage] = [Roles.Regulator], // and only of the insurance bureau (checked by the service)
    };
}
