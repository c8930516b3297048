using System.Net;
using Firely.Fhir.Validation;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;
using Xunit.Abstractions;
using Yiyang.Modules.Fhir;
using Yiyang.Tests.Infrastructure;
using R4 = Hl7.Fhir.Model;

namespace Yiyang.Tests.Fhir;

/// <summary>
/// Every resource type the interface produces, on demo data (and a visit recorded by the demo doctor), passes the
/// Firely validator against the core R4 profiles — and the vital-sign profiles the observations claim — with 0 errors.
/// </summary>
public abstract class FhirValidationTests(AppFixture fixture, ITestOutputHelper output) : FhirTestBase(fixture)
{
    private static readonly Lazy<Validator> Validator = new(() =>
    {
        var resolver = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(resolver, new LocalTerminologyService(resolver));
    });

    private void ShouldBeValid(string json, string label)
    {
        var resource = FhirJson.Parse<R4.Resource>(json);
        var outcome = Validator.Value.Validate(resource);
        var errors = outcome.Issue.Where(i => i.Severity is R4.OperationOutcome.IssueSeverity.Error or R4.OperationOutcome.IssueSeverity.Fatal).ToList();
        foreach (var i in outcome.Issue) output.WriteLine($"{label}: {i.Severity} {i.Details?.Text ?? i.Diagnostics} @ {string.Join(",", i.Expression)}");
        Assert.True(errors.Count == 0, $"{label}: " + string.Join("\n", errors.Select(e => $"{e.Details?.Text ?? e.Diagnostics} @ {string.Join(",", e.Expression)}")));
    }

    private static async Task<string> Raw(HttpClient client, string url)
    {
        using var r = await client.GetAsync(url);
        Assert.True(r.IsSuccessStatusCode || (int)r.StatusCode >= 400, url);
        return await r.Content.ReadAsStringAsync();
    }

    [Fact]
    public void The_validator_does_check_the_claimed_vital_sign_profile()
    {
        // a heart rate that claims the profile but has no category, subject, time or value: the validator must object
        var bad = new R4.Observation
        {
            Meta = new R4.Meta { Profile = ["http://hl7.org/fhir/StructureDefinition/heartrate"] },
            Status = R4.ObservationStatus.Final,
            Code = new R4.CodeableConcept("http://loinc.org", "8867-4"),
        };
        var outcome = Validator.Value.Validate(bad);
        Assert.Contains(outcome.Issue, i => i.Severity == R4.OperationOutcome.IssueSeverity.Error);
    }

    [DbFact]
    public async Task Every_resource_type_produced_passes_the_core_r4_profiles()
    {
        var (elderId, visitId) = await VisitWithVitals();
        var doctor = await As("doctor");
        var city = await As("city");

        // demo data: the first patients a doctor and the city operator see, a demo organization
        var demoPatients = await Fhir(doctor, "/fhir/Patient?_count=3&_include=Patient:none", HttpStatusCode.BadRequest);
        ShouldBeValid(demoPatients.ToJsonString(), "OperationOutcome (400)");
        var patients = await Raw(doctor, "/fhir/Patient?_count=3&foo=bar");
        ShouldBeValid(patients, "Bundle of patients with an outcome entry");
        ShouldBeValid(await Raw(city, "/fhir/Patient?_count=3"), "Bundle of patients seen by the city operator (age only)");
        ShouldBeValid(await Raw(doctor, $"/fhir/Patient/{elderId}"), "Patient (doctor)");
        ShouldBeValid(await Raw(city, $"/fhir/Patient/{elderId}"), "Patient (city operator)");
        ShouldBeValid(await Raw(city, "/fhir/Organization?_count=20"), "Bundle of organizations");
        ShouldBeValid(await Raw(city, $"/fhir/Organization/{await JinhuaId()}"), "Organization");
        ShouldBeValid(await Raw(doctor, $"/fhir/Encounter/{visitId}"), "Encounter");
        ShouldBeValid(await Raw(doctor, $"/fhir/Encounter?patient={elderId}&_include=Encounter:patient"), "Bundle of encounters with the patient");
        var observations = await Fhir(doctor, $"/fhir/Observation?patient={elderId}&_include=Observation:patient");
        ShouldBeValid(observations.ToJsonString(), "Bundle of observations with the patient");
        foreach (var o in Entries(observations))
            ShouldBeValid(await Raw(doctor, $"/fhir/Observation/{(string)o["id"]!}"), $"Observation {(string)o["code"]!["coding"]![0]!["code"]!}");
        ShouldBeValid(await Raw(Factory.Anonymous(), "/fhir/metadata"), "CapabilityStatement");
        ShouldBeValid(await Raw(Factory.Anonymous(), "/fhir/Patient"), "OperationOutcome (401)");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class FhirValidationTestsSqlite(SqliteAppFixture f, ITestOutputHelper o) : FhirValidationTests(f, o);

[Collection(PostgresCollection.Name)]
public sealed class FhirValidationTestsPostgres(PostgresAppFixture f, ITestOutputHelper o) : FhirValidationTests(f, o), IPostgresTests;
