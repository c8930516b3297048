using System.Net;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Fhir;

/// <summary>Encounter (home visits) and Observation (their vitals): mapping, search parameters, _include, paging, scope.</summary>
public abstract class FhirClinicalApiTests(AppFixture fixture) : FhirTestBase(fixture)
{
    [DbFact]
    public async Task A_home_visit_is_an_encounter_found_by_patient_date_and_status_with_its_patient_included()
    {
        var (elderId, visitId) = await VisitWithVitals();
        var doctor = await As("doctor");
        var e = await Fhir(doctor, $"/fhir/Encounter/{visitId}");
        Assert.Equal("in-progress", (string?)e["status"]);
        Assert.Equal("HH", (string?)e["class"]!["code"]);
        Assert.Equal($"Patient/{elderId}", (string?)e["subject"]!["reference"]);
        Assert.NotNull((string?)e["period"]!["start"]);

        var bundle = await Fhir(doctor, $"/fhir/Encounter?patient=Patient/{elderId}&_include=Encounter:patient");
        Assert.Equal(1, (int)bundle["total"]!);
        Assert.Equal(visitId.ToString(), (string?)Entries(bundle)[0]["id"]);
        var included = Assert.Single(Entries(bundle, "include"));
        Assert.Equal("Patient", (string?)included["resourceType"]);
        Assert.Equal(elderId.ToString(), (string?)included["id"]);

        async Task<int> Total(string query) => (int)(await Fhir(doctor, $"/fhir/Encounter?subject={elderId}&{query}"))["total"]!;
        Assert.Equal(1, await Total("status=in-progress"));
        Assert.Equal(0, await Total("status=finished"));
        Assert.Equal(1, await Total("date=ge2020-01-01"));
        Assert.Equal(0, await Total("date=lt2020-01-01"));
        Assert.Equal(1, await Total($"_id={visitId}"));

        await Fhir(await As("caregiver"), $"/fhir/Encounter/{visitId}", HttpStatusCode.NotFound);
        Assert.Equal(0, (int)(await Fhir(await As("caregiver"), $"/fhir/Encounter?patient={elderId}"))["total"]!);
        var audit = await AuditEntries($"action=homecare.visit.view&elderId={elderId}&userName=doctor");
        Assert.NotEmpty(audit);
    }

    [DbFact]
    public async Task The_vitals_of_a_visit_are_loinc_coded_observations_found_by_code_category_and_date()
    {
        var (elderId, visitId) = await VisitWithVitals();
        var doctor = await As("doctor");
        var all = await Fhir(doctor, $"/fhir/Observation?patient=Patient/{elderId}&_count=50");
        Assert.Equal(6, (int)all["total"]!); // blood pressure panel, heart rate, temperature, glucose, SpO2, weight
        var byCode = Entries(all).ToDictionary(o => (string)o["code"]!["coding"]![0]!["code"]!);
        Assert.Equal(["15074-8", "2708-6", "29463-7", "8310-5", "85354-9", "8867-4"], byCode.Keys.Order().ToArray());
        var bp = byCode["85354-9"];
        Assert.Equal(138m, (decimal)bp["component"]![0]!["valueQuantity"]!["value"]!);
        Assert.Equal("8480-6", (string?)bp["component"]![0]!["code"]!["coding"]![0]!["code"]);
        Assert.Equal("8462-4", (string?)bp["component"]![1]!["code"]!["coding"]![0]!["code"]);
        Assert.Equal("mm[Hg]", (string?)bp["component"]![1]!["valueQuantity"]!["code"]);
        Assert.Equal($"Encounter/{visitId}", (string?)bp["encounter"]!["reference"]);
        Assert.Equal(72m, (decimal)byCode["8867-4"]["valueQuantity"]!["value"]!);
        Assert.Equal("59408-5", (string?)byCode["2708-6"]["code"]!["coding"]![1]!["code"]);

        async Task<List<string>> Codes(string query) =>
            Entries(await Fhir(doctor, $"/fhir/Observation?subject=Patient/{elderId}&{query}")).Select(o => (string)o["code"]!["coding"]![0]!["code"]!).ToList();
        Assert.Equal(["8867-4"], await Codes("code=" + Uri.EscapeDataString("http://loinc.org|8867-4")));
        Assert.Equal(["85354-9"], await Codes("code=8480-6"));
        Assert.Equal(["15074-8"], await Codes("category=laboratory"));
        Assert.Equal(5, (await Codes("category=vital-signs")).Count);
        Assert.Empty(await Codes("code=" + Uri.EscapeDataString("http://snomed.info/sct|8867-4")));
        Assert.Equal(6, (await Codes("date=ge2020&status=final")).Count);
        Assert.Empty(await Codes("date=lt2020"));
        Assert.Empty(await Codes("status=preliminary"));

        var id = (string)byCode["8310-5"]["id"]!;
        var read = await Fhir(doctor, $"/fhir/Observation/{id}");
        Assert.Equal(36.6m, (decimal)read["valueQuantity"]!["value"]!);
        Assert.Equal("Cel", (string?)read["valueQuantity"]!["code"]);
        await Fhir(await As("caregiver"), $"/fhir/Observation/{id}", HttpStatusCode.NotFound);
        await Fhir(doctor, $"/fhir/Observation/{id.Split('-')[0]}-xx", HttpStatusCode.NotFound);

        var withPatient = await Fhir(doctor, $"/fhir/Observation?patient={elderId}&_include=Observation:patient&_count=2");
        Assert.Single(Entries(withPatient, "include"));
    }

    [DbFact]
    public async Task Paging_through_observations_returns_each_exactly_once()
    {
        var (elderId, _) = await VisitWithVitals();
        var second = await VisitWithVitals();
        var doctor = await As("doctor");
        foreach (var size in new[] { 1, 4, 5 })
        {
            var (ids, totals) = await AllPages(doctor, $"/fhir/Observation?patient={elderId}&_count={size}");
            Assert.Equal(6, ids.Count);
            Assert.Equal(6, ids.Distinct().Count());
            Assert.All(totals, t => Assert.Equal(6, t));
        }
        var (both, _) = await AllPages(doctor, $"/fhir/Observation?category=vital-signs&date=ge2020&_count=3&_id=" +
            string.Join(",", (await AllPages(doctor, $"/fhir/Observation?patient={second.ElderId}")).Ids));
        Assert.Equal(5, both.Count);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class FhirClinicalApiTestsSqlite(SqliteAppFixture f) : FhirClinicalApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class FhirClinicalApiTestsPostgres(PostgresAppFixture f) : FhirClinicalApiTests(f), IPostgresTests;
