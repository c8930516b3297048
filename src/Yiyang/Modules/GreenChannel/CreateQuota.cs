using Yiyang.Modules.Agreements;
using Yiyang.Modules.Referrals;

namespace Yiyang.Modules.GreenChannel;

public sealed record QuotaInput(long? AgreementId, string? Department, int? DailyQuota);

/// <summary>
/// 设置名额: the hospital's institution admin (or the city operator) opens a department's daily quota (1–100) under a
/// cooperation agreement in force with the 绿色通道 item (docs/domain/collaboration.md#green-channel-quotas).
/// </summary>
public sealed class CreateQuota(YiyangDb db, TimeProvider clock, AuditTrail audit, GreenChannelAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/quotas", async Task<Created<QuotaDto>> (QuotaInput input, CreateQuota handler, CancellationToken ct) =>
            {
                var q = await handler.HandleAsync(input, ct);
                return TypedResults.Created($"/api/green-channel/quotas/{q.Id}", q);
            })
            .ProducesProblems(400, 409)
            .WithSummary("医院科室在含“绿色通道”的生效签约协议下设置每日名额（1–100；医院机构管理员或市级业务管理员）");

    public async Task<QuotaDto> HandleAsync(QuotaInput input, CancellationToken ct)
    {
        access.DemandStaff();
        var department = (input.Department ?? "").Trim();
        Validate(input, department);
        var a = await AgreementAsync(input.AgreementId, ct);
        if (await db.Set<GreenChannelQuota>().AnyAsync(q => q.AgreementId == a.Id && q.Department == department, ct))
            throw Exists(department);
        var q = new GreenChannelQuota
        {
            AgreementId = a.Id,
            HospitalOrganizationId = a.MedicalOrganizationId,
            CareOrganizationId = a.CareOrganizationId,
            Department = department,
            DailyQuota = input.DailyQuota!.Value,
            CreatedByUser = access.Actor,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(q);
        await db.SaveOrConflictAsync(ct, onDuplicate: () => Exists(department));
        await audit.RecordAsync("greenchannel.quota.create", "greenchannel-quota", q.Id.ToString(), null, $"{department}: {q.DailyQuota}/day");
        var names = await access.NamesAsync([q.HospitalOrganizationId, q.CareOrganizationId], ct);
        return new QuotaDto(q.Id, a.Id, true, new OrgRef(q.HospitalOrganizationId, names[q.HospitalOrganizationId]), new OrgRef(q.CareOrganizationId, names[q.CareOrganizationId]),
            q.Department, q.DailyQuota, access.Today, 0, q.DailyQuota);
    }

    private static ConflictException Exists(string department) => new("quota-exists", $"{department}已在该协议下设置名额。");

    private static void Validate(QuotaInput input, string department)
    {
        var errors = new FieldErrors();
        if (department.Length is 0 or > 50) errors.Add("department", "请填写科室（最多 50 个字）。");
        if (input.DailyQuota is not (>= 1 and <= 100)) errors.Add("dailyQuota", "每日名额应为 1–100。");
        if (input.AgreementId is null) errors.Add("agreementId", "请选择签约合作协议。");
        errors.ThrowIfAny();
    }

    /// <summary>The agreement: the hospital's administrator sets its own departments' quotas, under the 绿色通道 item, while in force.</summary>
    private async Task<Agreement> AgreementAsync(long? id, CancellationToken ct)
    {
        var a = await db.Set<Agreement>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null || !access.CanManage(a.MedicalOrganizationId))
            throw ValidationFailedException.For("agreementId", "协议不存在，或您不是该协议医疗机构的机构管理员。");
        if (!a.Items.Split(',').Contains(GreenChannelAccess.GreenChannelItem))
            throw ValidationFailedException.For("agreementId", "该协议的合作内容不含“绿色通道”，不能设置绿色通道名额。");
        if (!access.InForce(a)) throw GreenChannelAccess.Closed(a, access.Today);
        return a;
    }
}
