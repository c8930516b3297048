namespace Yiyang.Modules.Sickbeds;

/// <summary>Family sickbeds (家庭病床): application, approval, opening, rounds, orders, nursing records, renewal, closing.</summary>
public sealed class SickbedsModule : YiyangModule
{
    public override void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<SickbedAccess>();
        services.AddScoped<SickbedRoundStatuses>();
        services.AddScoped<ApplyForSickbed>();
        services.AddScoped<ListSickbeds>();
        services.AddScoped<ListSickbedAlerts>();
        services.AddScoped<GetSickbed>();
        services.AddScoped<SickbedAssessmentOutcome>();
        services.AddScoped<ApproveSickbed>();
        services.AddScoped<RejectSickbed>();
        services.AddScoped<OpenSickbed>();
        services.AddScoped<RenewSickbed>();
        services.AddScoped<CloseSickbed>();
        services.AddScoped<AddSickbedRound>();
        services.AddScoped<AddSickbedOrder>();
        services.AddScoped<StopSickbedOrder>();
        services.AddScoped<AddSickbedNursingRecord>();
        services.AddScoped<SickbedService>(); // the entry of other modules (referrals' 下转接续)
        services.Configure<SickbedOptions>(config.GetSection("Sickbeds"));
        services.AddScoped<ISickbedConflicts, InstitutionStayConflicts>(); // first of the conflicts; in-patient records register after it
        services.AddScoped<Assessments.Records.IReassessmentTriggers, SickbedReassessmentTriggers>(); // 新诊断
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapSickbeds();
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.ApplyConfiguration(new SickbedConfiguration());
        model.ApplyConfiguration(new SickbedPlanServiceConfiguration());
        model.ApplyConfiguration(new SickbedCycleConfiguration());
        model.ApplyConfiguration(new SickbedRoundConfiguration());
        model.ApplyConfiguration(new SickbedOrderConfiguration());
        model.ApplyConfiguration(new SickbedNursingRecordConfiguration());
    }

    public override IReadOnlyDictionary<string, string[]> PolicyRoles { get; } = new Dictionary<string, string[]>
    {
        // medical staff and regulators read; medical staff run them (doctors decide)
        [SickbedPolicies.Read] = [Roles.CityOperator, Roles.Regulator, Roles.Doctor, Roles.Nurse, Roles.InstitutionAdmin],
        [SickbedPolicies.Write] = [Roles.CityOperator, Roles.Doctor, Roles.Nurse],
        [SickbedPolicies.Decide] = [Roles.CityOperator, Roles.Doctor],
    };
}
