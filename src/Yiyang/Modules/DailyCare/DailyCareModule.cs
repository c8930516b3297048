namespace Yiyang.Modules.DailyCare;

/// <summary>Daily care records in institutions, medical-room encounters and infection-control zoning.</summary>
public sealed class DailyCareModule : YiyangModule
{
    public override void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<DailyCareAccess>();
        services.AddScoped<DailyCarePlan>();
        services.AddScoped<GetInstitutionChecklist>();
        services.AddScoped<GetStayChecklist>();
        services.AddScoped<RecordDailyCare>();
        services.AddScoped<CorrectCareRecord>();
        services.AddScoped<GetCareCompletion>();
        services.AddScoped<RecordEncounter>();
        services.AddScoped<ListEncounters>();
        services.AddScoped<ZoningAccess>();
        services.AddScoped<GetZoning>();
        services.AddScoped<UpdateZoning>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapDailyCare();
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        DailyCareModel.Configure(model);
    }

    public override IReadOnlyDictionary<string, string[]> PolicyRoles { get; } = new Dictionary<string, string[]>
    {
        // the institution's staff record (own institution only, checked by DailyCareAccess); its admin reads completion
        [DailyCarePolicies.Record] = [Roles.CityOperator, Roles.InstitutionAdmin, Roles.Doctor, Roles.Nurse, Roles.Caregiver],
        [DailyCarePolicies.Stats] = [Roles.CityOperator, Roles.InstitutionAdmin],
        // medical-room encounters (医务室诊疗): the institution's doctors and nurses (own institution, checked by ResidentAccess)
        [DailyCarePolicies.Medical] = [Roles.CityOperator, Roles.Doctor, Roles.Nurse],
        // infection-control zoning (感染防控分区): the institution admin edits; its staff and the region's regulators read (ZoningAccess)
        [DailyCarePolicies.Zoning] = [Roles.CityOperator, Roles.InstitutionAdmin],
    };
}
