using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.HealthManagement;

/// <summary>一位老年人的疫苗接种记录: flu and pneumococcal vaccinations, newest first.</summary>
public sealed class ListVaccinations(YiyangDb db, HealthManagementAccess access, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/", async Task<Ok<IReadOnlyList<VaccinationDto>>> ([FromQuery] long? elderId, ListVaccinations handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(elderId, ct)))
            .ProducesProblems(400, 404)
            .WithSummary("一位老年人的流感、肺炎球菌疫苗接种记录");

    public async Task<IReadOnlyList<VaccinationDto>> HandleAsync(long? elderId, CancellationToken ct)
    {
        var elder = await access.ScopedElderAsync(elderId, ct);
        var rows = await db.Set<Vaccination>().AsNoTracking().Where(v => v.ElderId == elder.Id).OrderByDescending(v => v.VaccinatedOn).ToListAsync(ct);
        await audit.RecordAsync("healthmgmt.vaccination.list", "elder", HealthManagementAccess.Id(elder.Id), elder.Id, wait: false);
        return [.. rows.Select(ToDto)];
    }

    public static VaccinationDto ToDto(Vaccination v) =>
        new(v.Id, v.ElderId, v.Vaccine, FollowupRules.Name(FollowupRules.Vaccines, v.Vaccine), v.VaccinatedOn, v.Notes, v.CreatedBy);
}
