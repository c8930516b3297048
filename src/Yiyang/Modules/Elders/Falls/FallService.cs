using System.Globalization;
using Yiyang.Modules.HomeVisits;
using Yiyang.Modules.Institutions;

namespace Yiyang.Modules.Elders.Falls;

public sealed record FallInput(DateTimeOffset? OccurredAt, string? Place, string? Injury, bool? HospitalVisit, string? Note, long? HomeVisitId, long? StayId);

public sealed record FallDto(long Id, long ElderId, DateTimeOffset OccurredAt, DateOnly OccurredOn, string Place, string PlaceName, string Injury,
    string InjuryName, bool HospitalVisit, string? Note, long? HomeVisitId, long? StayId, string RecordedBy, DateTimeOffset CreatedAt);

/// <summary>
/// 跌倒事件: recorded by home-care and institution staff for elders they may write (ElderScope forWrite, else 404);
/// listed for readers in scope. Each record goes to the elder's timeline (跌倒) and the audit trail; reads are audited.
/// </summary>
public sealed class FallService(YiyangDb db, CurrentUser user, AuditTrail audit, TimeProvider clock)
{
    private const string Module = "elders";
    private string Actor => user.IsAuthenticated ? user.UserName : "system";

    public bool CanWrite => user.Can(ElderPolicies.FallsWrite);

    private async Task<Elder> ElderAsync(long elderId, bool forWrite, CancellationToken ct) =>
        await ElderScope.Apply(db.Elders.AsNoTracking(), user, forWrite).FirstOrDefaultAsync(e => e.Id == elderId, ct)
        ?? throw new NotFoundException("未找到该老年人，或您无权查看。");

    public async Task<FallDto> RecordAsync(long elderId, FallInput input, CancellationToken ct)
    {
        if (!CanWrite) throw new ForbiddenException();
        var elder = await ElderAsync(elderId, forWrite: true, ct);
        var errors = new FieldErrors();
        var now = clock.GetUtcNow();
        if (input.OccurredAt is not { } at) errors.Add("occurredAt", "请填写跌倒发生的时间。");
        else if (at > now.AddMinutes(5)) errors.Add("occurredAt", "跌倒时间不能晚于现在。");
        else if (at < now.AddYears(-1)) errors.Add("occurredAt", "只能登记一年内发生的跌倒。");
        var place = FallRules.Parse(FallRules.Places, input.Place);
        if (place is null) errors.Add("place", "请选择跌倒地点：家中、机构、户外或其他。");
        var injury = FallRules.Parse(FallRules.Injuries, input.Injury);
        if (injury is null) errors.Add("injury", "请选择损伤程度：无、轻或重。");
        var note = Masking.Scrub((input.Note ?? "").Trim());
        if (note.Length > 500) errors.Add("note", "备注最多 500 个字。");
        if (input.HomeVisitId is not null && input.StayId is not null) errors.Add("stayId", "上门服务和机构入住只能关联其中一项。");
        errors.ThrowIfAny();
        if (input.HomeVisitId is { } visitId && !await db.Set<HomeVisit>().AnyAsync(v => v.Id == visitId && v.ElderId == elder.Id, ct))
            errors.Add("homeVisitId", "未找到该老年人的这次上门服务。");
        if (input.StayId is { } stayId && !await db.Set<InstitutionStay>().AnyAsync(s => s.Id == stayId && s.ElderId == elder.Id, ct))
            errors.Add("stayId", "未找到该老年人的这次机构入住。");
        errors.ThrowIfAny();

        var occurredAt = input.OccurredAt!.Value.ToUniversalTime();
        var fall = new Fall
        {
            ElderId = elder.Id,
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            OccurredAt = occurredAt,
            OccurredOn = FallRules.ChinaDay(occurredAt),
            Place = place!,
            Injury = injury!,
            HospitalVisit = input.HospitalVisit ?? false,
            Note = note.Length == 0 ? null : note,
            HomeVisitId = input.HomeVisitId,
            StayId = input.StayId,
            OrganizationId = user.OrganizationId,
            RecordedBy = Actor,
            CreatedAt = now,
        };
        db.Add(fall);
        db.TimelineEvents.Add(TimelineEvent.Create(elder.Id, now, "elders.fall.recorded", Module,
            $"跌倒：{occurredAt.ChinaText()}，{FallRules.Name(FallRules.Places, fall.Place)}，" +
            $"损伤{FallRules.Name(FallRules.Injuries, fall.Injury)}" + (fall.HospitalVisit ? "，已就医" : ""), Actor));
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("elders.fall.create", "fall", fall.Id.ToString(CultureInfo.InvariantCulture), elder.Id);
        return ToDto(fall);
    }

    public async Task<IReadOnlyList<FallDto>> ListAsync(long elderId, CancellationToken ct)
    {
        var elder = await ElderAsync(elderId, forWrite: false, ct);
        var rows = await db.Set<Fall>().AsNoTracking().Where(f => f.ElderId == elder.Id).OrderByDescending(f => f.OccurredOn).ThenByDescending(f => f.Id).ToListAsync(ct);
        await audit.RecordAsync("elders.fall.list", "elder", elder.Id.ToString(CultureInfo.InvariantCulture), elder.Id, wait: false);
        return [.. rows.Select(ToDto)];
    }

    /// <summary>The name of an elder in scope (404 otherwise), for the page.</summary>
    public async Task<string> ElderNameAsync(long elderId, CancellationToken ct) => (await ElderAsync(elderId, forWrite: false, ct)).Name;

    private static FallDto ToDto(Fall f) => new(f.Id, f.ElderId, f.OccurredAt, f.OccurredOn, f.Place, FallRules.Name(FallRules.Places, f.Place), f.Injury,
        FallRules.Name(FallRules.Injuries, f.Injury), f.HospitalVisit, f.Note, f.HomeVisitId, f.StayId, f.RecordedBy, f.CreatedAt);
}
