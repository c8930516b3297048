namespace Yiyang.Modules.Fhir;

/// <summary>
/// The FHIR R4 interface at <c>/fhir</c> (docs/fhir.md): read and search of Patient, Organization, Encounter and
/// Observation mapped from the registry, home visits and their vitals, with the callers' usual scope and masking.
/// Owns no table: it reads the other modules' records within their scopes.
/// </summary>
public sealed class FhirModule : YiyangModule
{
    public override void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<IProblemFormat, FhirProblemFormat>(); // errors under /fhir are OperationOutcome
        services.AddScoped<PatientMapping>();
        services.AddScoped<PatientHandler>();
        services.AddScoped<IFhirResourceHandler>(sp => sp.GetRequiredService<PatientHandler>());
        services.AddScoped<IFhirResourceHandler, OrganizationHandler>();
        services.AddScoped<IFhirResourceHandler, EncounterHandler>();
        services.AddScoped<IFhirResourceHandler, ObservationHandler>();
        services.AddScoped<FhirRegistry>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder app) => app.MapFhir();
}
