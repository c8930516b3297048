namespace Yiyang.Modules.Assessments;

/// <summary>Assessment instruments and scoring, saved assessments with reassessment, care levels, care plans and 长护险 tables.</summary>
public sealed class AssessmentsModule : YiyangModule
{
    public override void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.Configure<AssessmentOptions>(config.GetSection("Assessments"));
        services.AddSingleton<InstrumentCatalog>();
        // saved assessments (IReassessmentTriggers: registered by the modules that record falls, discharges, diagnoses)
        services.AddScoped<Records.AssessmentAccess>();
        services.AddScoped<Records.AssessmentMapping>();
        services.AddScoped<Records.AssessmentDrafting>();
        services.AddScoped<Records.ListAssessments>();
        services.AddScoped<Records.ListDueAssessments>();
        services.AddScoped<Records.RecordAssessment>();
        services.AddScoped<Records.GetAssessment>();
        services.AddScoped<Records.EditAssessment>();
        services.AddScoped<Records.SignAssessment>();
        services.AddScoped<Records.CorrectAssessment>();
        // care levels and plans
        services.Configure<CarePlans.CarePlanOptions>(config.GetSection("CarePlans"));
        services.AddScoped<CarePlans.CareLevels>();
        services.AddScoped<CarePlans.ListCareLevelMappingHistory>();
        services.AddScoped<CarePlans.UpdateCareLevelMapping>();
        services.AddScoped<CarePlans.CarePlanAccess>();
        services.AddScoped<CarePlans.CarePlanDrafting>();
        services.AddScoped<CarePlans.CarePlanMapping>();
        services.AddScoped<CarePlans.ListCarePlans>();
        services.AddScoped<CarePlans.GetCarePlan>();
        services.AddScoped<CarePlans.ListResponsibleOptions>();
        services.AddScoped<CarePlans.DraftCarePlan>();
        services.AddScoped<CarePlans.EditCarePlan>();
        services.AddScoped<CarePlans.ConfirmCarePlan>();
        services.AddScoped<CarePlans.EndCarePlan>();
        services.AddScoped<CarePlans.ReviseCarePlan>();
        services.AddScoped<Billing.ILtcPlanCoverage, CarePlans.CarePlanLtcCoverage>();
        // 长护险 tables
        services.AddSingleton<CarePlans.LtcTablesSource>();
        services.AddSingleton<ILtcTablesSource>(sp => sp.GetRequiredService<CarePlans.LtcTablesSource>());
        services.AddScoped<CarePlans.LtcTablesVersions>();
        services.AddScoped<CarePlans.ListLtcTablesHistory>();
        services.AddScoped<CarePlans.UpdateLtcTables>();
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
        [AssessmentPolicies.Score] = [Roles.CityOperator, Roles.Regulator, Roles.Doctor, Roles.Nurse, Roles.Caregiver,
            Roles.InstitutionAdmin],
        // care plans: medical and institution staff draft and confirm; the care-level mapping: platform admin, health/civil-affairs regulators
        [AssessmentPolicies.CarePlansWrite] = [Roles.CityOperator, Roles.Doctor, Roles.Nurse, Roles.InstitutionAdmin],
        // the mapping and the LTC tables are configuration without personal data: the platform admin reads them too
        [AssessmentPolicies.Tables] = [Roles.PlatformAdmin, Roles.CityOperator, Roles.Regulator, Roles.Doctor, Roles.Nurse, Roles.Caregiver,
            Roles.InstitutionAdmin],
        [AssessmentPolicies.CareLevelsManage] = [Roles.PlatformAdmin, Roles.Regulator], // regulators: of the health or civil-affairs bureau
        [AssessmentPolicies.CareLevelsAnyBureau] = [Roles.PlatformAdmin],
        [AssessmentPolicies.LtcTablesManage] = [Roles.Regulator], // and only of the insurance bureau (checked by the service)
    };
}
