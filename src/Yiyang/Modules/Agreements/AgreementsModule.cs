namespace Yiyang.Modules.Agreements;

/// <summary>Cooperation agreements between care homes and medical institutions.</summary>
public sealed class AgreementsModule : YiyangModule
{
    public override void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<Targets.IIndicator, CareHomeCooperationRate>();
        services.AddScoped<Targets.IIndicator, CareHomesWithMedicalServiceShare>();
        services.AddScoped<AgreementAccess>();
        services.AddScoped<AgreementMapping>();
        services.AddScoped<AgreementParties>();
        services.AddScoped<CreateAgreement>();
        services.AddScoped<ListAgreements>();
        services.AddScoped<ListUncoveredCareHomes>();
        services.AddScoped<GetAgreement>();
        services.AddScoped<GetAgreementPerformance>();
        services.AddScoped<AddAgreementAttachment>();
        services.AddScoped<ActivateAgreement>();
        services.AddScoped<TerminateAgreement>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapAgreements();
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.ApplyConfiguration(new AgreementConfiguration());
        model.ApplyConfiguration(new AgreementAttachmentConfiguration());
    }

    public override IReadOnlyDictionary<string, string[]> PolicyRoles { get; } = new Dictionary<string, string[]>
    {
        // the parties' staff read, their institution admins write; regulators read and list uncovered care homes
        [AgreementPolicies.Use] = [Roles.CityOperator, Roles.Regulator, Roles.Doctor, Roles.Nurse, Roles.Caregiver, Roles.InstitutionAdmin],
        [AgreementPolicies.Oversight] = [Roles.CityOperator, Roles.Regulator],
        [AgreementPolicies.AnyOrganization] = [Roles.CityOperator],
        [AgreementPolicies.Sign] = [Roles.CityOperator, Roles.InstitutionAdmin],
        [AgreementPolicies.Region] = [Roles.Regulator],
    };
}
