using Yiyang.Platform.Hosting;

namespace Yiyang.Modules.HealthManagement;

/// <summary>65+ yearly health checks, TCM management, chronic follow-ups, vaccinations, long-term prescriptions, indicators.</summary>
public sealed class HealthManagementModule : YiyangModule
{
    public override void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<Targets.IIndicator, ElderHealthManagementRate>();
        services.AddScoped<Targets.IIndicator, TcmHealthManagementRate>();
        services.AddScoped<Targets.IIndicator, LtcAssessmentCoverage>();
        services.AddScoped<HealthManagementAccess>();
        services.AddScoped<HealthCheckRecords>();
        services.AddScoped<ListHealthChecks>();
        services.AddScoped<RecordHealthCheck>();
        services.AddScoped<GetHealthCheck>();
        services.AddScoped<EditHealthCheck>();
        services.AddScoped<SignHealthCheck>();
        services.AddScoped<TcmRecords>();
        services.AddScoped<ListTcmRecords>();
        services.AddScoped<RecordTcmRecord>();
        services.AddScoped<GetTcmRecord>();
        services.AddScoped<EditTcmRecord>();
        services.AddScoped<SignTcmRecord>();
        services.AddScoped<ListFollowups>();
        services.AddScoped<RecordFollowup>();
        services.AddScoped<ListVaccinations>();
        services.AddScoped<RecordVaccination>();
        services.AddScoped<ListWorkList>();
        services.AddScoped<IndicatorService>();
        services.Configure<HealthManagementOptions>(config.GetSection("HealthManagement"));
        services.AddScoped<IndicatorAggregator>();
        services.Configure<IndicatorAggregateOptions>(config.GetSection("HealthManagement:Indicators"));
        services.AddPeriodicCheck<IndicatorRefresher, IndicatorAggregateOptions>(
            o => o.PreAggregate ? TimeSpan.FromMinutes(Math.Max(0.05, o.RefreshMinutes)) : null, runAtStart: true);
        services.AddScoped<Prescriptions.PrescriptionService>();
        services.Configure<Prescriptions.LongTermPrescriptionOptions>(config.GetSection("HealthManagement:LongTermPrescriptions"));
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapHealthManagement();
        Prescriptions.LongTermPrescriptionsApi.MapLongTermPrescriptions(app); // /api/long-term-prescriptions
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        HealthManagementModel.Configure(model);
        model.ApplyConfiguration(new Prescriptions.LongTermPrescriptionConfiguration());
        model.ApplyConfiguration(new Prescriptions.LongTermPrescriptionItemConfiguration());
        model.ApplyConfiguration(new Prescriptions.PrescriptionDispensingConfiguration());
    }

    public override IReadOnlyDictionary<string, string[]> PolicyRoles { get; } = new Dictionary<string, string[]>
    {
        // 基本公卫 health management: medical staff record, regulators read the rates (and their drill-through)
        [HealthManagementPolicies.Read] = [Roles.CityOperator, Roles.Regulator, Roles.Doctor, Roles.Nurse],
        [HealthManagementPolicies.Write] = [Roles.CityOperator, Roles.Doctor, Roles.Nurse],
        [HealthManagementPolicies.MaskedNames] = [Roles.Regulator],
        [HealthManagementPolicies.PrescriptionsRead] = [Roles.CityOperator, Roles.Regulator, Roles.Doctor, Roles.Nurse],
        [HealthManagementPolicies.PrescriptionsWrite] = [Roles.CityOperator, Roles.Doctor],
    };
}
