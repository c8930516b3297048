namespace Yiyang.Modules.FamilyDoctor;

/// <summary>Family-doctor teams, service packages, contracts (签约) and coverage.</summary>
public sealed class FamilyDoctorModule : YiyangModule
{
    public override void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<Targets.IIndicator, FamilyDoctorSigningRate>();
        services.AddScoped<Targets.IIndicator, KeyPopulationSigningRate>();
        services.AddScoped<FamilyDoctorAccess>();
        services.AddScoped<ContractSigning>();
        services.AddScoped<ContractMapping>();
        services.AddScoped<ListTeams>();
        services.AddScoped<CreateTeam>();
        services.AddScoped<GetTeam>();
        services.AddScoped<UpdateTeam>();
        services.AddScoped<ListPackages>();
        services.AddScoped<CreatePackage>();
        services.AddScoped<GetPackage>();
        services.AddScoped<UpdatePackage>();
        services.AddScoped<ListContracts>();
        services.AddScoped<SignContract>();
        services.AddScoped<GetContract>();
        services.AddScoped<TerminateContract>();
        services.AddScoped<RenewContract>();
        services.AddScoped<GetCoverage>();
        services.AddScoped<ResponsibleDoctors>(); // who is told about an elder (Inbox)
        services.Configure<FamilyDoctorOptions>(config.GetSection("FamilyDoctor"));
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapFamilyDoctor();
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.ApplyConfiguration(new FamilyDoctorTeamConfiguration());
        model.ApplyConfiguration(new FamilyDoctorTeamMemberConfiguration());
        model.ApplyConfiguration(new FamilyDoctorPackageConfiguration());
        model.ApplyConfiguration(new FamilyDoctorPackageItemConfiguration());
        model.ApplyConfiguration(new FamilyDoctorContractConfiguration());
    }

    public override IReadOnlyDictionary<string, string[]> PolicyRoles { get; } = new Dictionary<string, string[]>
    {
        // readers see contracts of elders in their scope; medical staff and the city operator sign
        [FamilyDoctorPolicies.Read] = [Roles.CityOperator, Roles.Regulator, Roles.Doctor, Roles.Nurse, Roles.InstitutionAdmin, Roles.Caregiver],
        [FamilyDoctorPolicies.Write] = [Roles.CityOperator, Roles.Doctor, Roles.Nurse, Roles.InstitutionAdmin],
    };
}
