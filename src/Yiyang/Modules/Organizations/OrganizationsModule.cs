namespace Yiyang.Modules.Organizations;

/// <summary>The organization registry (medical, elderly-care and integrated institutions).</summary>
public sealed class OrganizationsModule : YiyangModule
{
    public override void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<Targets.IIndicator, IntegratedInstitutions>();
        services.AddScoped<Targets.IIndicator, TcmHallCoverage>();
        services.AddScoped<Targets.IIndicator, GeriatricsDepartmentShare>();
        services.AddScoped<Targets.IIndicator, CommunityIntegratedCentres>();
        services.AddScoped<Targets.IIndicator, PilotInstitutions>();
        services.AddScoped<OrganizationService>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapOrganizations();
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.ApplyConfiguration(new OrganizationConfiguration());
    }

    public override IReadOnlyDictionary<string, string[]> PolicyRoles { get; } = new Dictionary<string, string[]>
    {
        [OrganizationPolicies.Read] = [.. Roles.All],
        [OrganizationPolicies.Write] = [Roles.PlatformAdmin, Roles.Regulator, Roles.InstitutionAdmin],
        [OrganizationPolicies.WriteAll] = [Roles.PlatformAdmin],
        [OrganizationPolicies.WriteSupervised] = [Roles.Regulator],
        [OrganizationPolicies.WriteOwn] = [Roles.InstitutionAdmin],
        [OrganizationPolicies.Compliance] = [Roles.PlatformAdmin, Roles.Regulator],
    };
}
