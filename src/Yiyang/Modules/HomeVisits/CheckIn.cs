using Yiyang.Modules.FamilyDoctor;

namespace Yiyang.Modules.HomeVisits;

/// <summary>签到: the time (server time when absent) and the phone's position if it gave one. Repeating it changes nothing.</summary>
public sealed class CheckIn(HomeVisitAccess access, GetVisit getVisit, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/check-in", async Task<Ok<VisitDto>> (long id, CheckInInput? input, CheckIn handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, input ?? new CheckInInput(null, null, null, null), ct)))
            .RequireAuthorization(FamilyDoctorPolicies.Write)
            .ProducesProblems(400, 404, 409)
            .WithSummary("签到：时间（缺省为服务器时间）与可选定位（纬度 -90..90、经度 -180..180、精度 ≥ 0 米）");

    public async Task<VisitDto> HandleAsync(long id, CheckInInput input, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        Validate(input, now);
        var visit = await access.LoadForWriteAsync(id, ct);
        HomeVisitAccess.RequireOpen(visit);
        if (visit.Status == VisitStatus.CheckedIn)
        {
            var (elder, team) = await access.NamesAsync(visit.ElderId, visit.TeamId, ct);
            return HomeVisitMapping.ToDto(visit, elder, team);
        }
        visit.Status = VisitStatus.CheckedIn;
        visit.CheckedInAt = (input.At ?? now).ToUniversalTime(); // PostgreSQL timestamptz takes UTC only; a phone sends +08:00
        visit.Latitude = input.Latitude;
        visit.Longitude = input.Longitude;
        visit.AccuracyMeters = input.Latitude is null ? null : input.AccuracyMeters;
        visit.StaffUser = access.Actor;
        access.Touch(visit);
        access.AddEvent(visit.ElderId, "homecare.visit.checked-in",
            $"{VisitRules.Kind(visit.Source)}签到：{visit.CheckedInAt.Value.ChinaText()}" + (visit.Latitude is null ? "" : "（已定位）"));
        await access.SaveAsync(ct);
        await audit.RecordAsync("homecare.visit.check-in", "home-visit", visit.Id.ToString(), visit.ElderId);
        return await getVisit.HandleAsync(id, ct);
    }

    private static void Validate(CheckInInput input, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        if (input.Latitude is { } lat && (double.IsNaN(lat) || lat < -90 || lat > 90)) errors.Add("latitude", "纬度应在 -90 至 90 之间。");
        if (input.Longitude is { } lon && (double.IsNaN(lon) || lon < -180 || lon > 180)) errors.Add("longitude", "经度应在 -180 至 180 之间。");
        if ((input.Latitude is null) != (input.Longitude is null)) errors.Add(input.Latitude is null ? "latitude" : "longitude", "经度和纬度应同时提供。");
        if (input.AccuracyMeters is { } acc && (double.IsNaN(acc) || acc < 0 || acc > 100_000)) errors.Add("accuracyMeters", "定位精度应为 0 至 100000 米。");
        if (input.At is { } at && (at > now.AddMinutes(5) || at < now.AddDays(-7))) errors.Add("at", "签到时间不能晚于当前时间，也不能早于 7 天前。");
        errors.ThrowIfAny();
    }
}
