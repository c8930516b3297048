using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Yiyang.Modules.HealthManagement;

/// <summary>一位老年人某年的慢性病随访: the follow-ups of a year with the count per disease against the yearly requirement.</summary>
public sealed class ListFollowups(YiyangDb db, HealthManagementAccess access, AuditTrail audit, IOptions<HealthManagementOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/", async Task<Ok<FollowupYear>> ([FromQuery] long? elderId, [FromQuery] int? year, ListFollowups handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(elderId, year, ct)))
            .ProducesProblems(400, 404)
            .WithSummary("一位老年人某年的慢性病随访及每种疾病的随访次数（每年至少 4 次）");

    public async Task<FollowupYear> HandleAsync(long? elderId, int? year, CancellationToken ct)
    {
        var elder = await access.ScopedElderAsync(elderId, ct);
        var y = access.Year(year);
        var rows = await db.Set<ChronicFollowup>().AsNoTracking().Where(f => f.ElderId == elder.Id && f.FollowedOn >= new DateOnly(y, 1, 1)
            && f.FollowedOn <= new DateOnly(y, 12, 31)).OrderByDescending(f => f.FollowedOn).ToListAsync(ct);
        await audit.RecordAsync("healthmgmt.followup.list", "elder", HealthManagementAccess.Id(elder.Id), elder.Id, $"year={y}", wait: false);
        var counts = FollowupRules.Counts(rows.Select(r => r.Disease), options.Value.FollowupsPerYear);
        return new FollowupYear(elder.Id, y, counts, [.. rows.Select(ToDto)]);
    }

    public static FollowupDto ToDto(ChronicFollowup f) => new(f.Id, f.ElderId, f.Disease, FollowupRules.Name(FollowupRules.Diseases, f.Disease),
        f.FollowedOn, f.Way, FollowupRules.Name(FollowupRules.Ways, f.Way), JsonSerializer.Deserialize<List<string>>(f.SymptomsJson, Json) ?? [],
        f.Systolic, f.Diastolic, f.FastingGlucose, f.Adherence, FollowupRules.Name(FollowupRules.Adherences, f.Adherence), f.Classification,
        FollowupRules.Name(FollowupRules.Classifications, f.Classification), f.NextOn, f.Notes, f.CreatedBy);
}
