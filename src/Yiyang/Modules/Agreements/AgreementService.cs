using Microsoft.EntityFrameworkCore;
using Yiyang.Modules.GreenChannel;
using Yiyang.Modules.Organizations;
using Yiyang.Modules.Referrals;
using Yiyang.Platform.Audit;
using Yiyang.Platform.Data;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.Agreements;

public sealed record AgreementInput(
    long? MedicalOrganizationId, long? CareOrganizationId, DateOnly? StartOn, DateOnly? EndOn, IReadOnlyList<string>? Items,
    int? RoundsPerMonth, decimal? Fee, string? MedicalDuties, string? CareDuties);

public sealed record AgreementTransitionInput(string? Reason, int? Version);

public sealed record AttachmentInput(string? FileName, string? Description, long? SizeBytes);

public sealed record AgreementItemDto(string Code, string Name);

public sealed record AttachmentDto(long Id, string FileName, string? Description, long? SizeBytes, string CreatedByUser, DateTimeOffset CreatedAt);

public sealed record AgreementDto(
    long Id, OrgRef Medical, OrgRef Care, DateOnly StartOn, DateOnly EndOn, IReadOnlyList<AgreementItemDto> Items, int? RoundsPerMonth,
    decimal? Fee, string MedicalDuties, string CareDuties, string Status, string StatusName, bool InForce, DateTimeOffset? ActivatedAt,
    DateOnly? TerminatedOn, string? TerminateReason, IReadOnlyList<AttachmentDto> Attachments, IReadOnlyList<string> Actions, int Version);

public sealed record UncoveredDto(long Id, string Name, string TownshipCode, int TotalBeds);

public sealed record PerformanceDto(
    long AgreementId, DateOnly From, DateOnly To, int? PlannedRounds, int ReferralsSent, int ReferralsReceived, int ReferralsAccepted,
    double? MedianMinutesToAccept, int GreenChannelAppointments, int GreenChannelServed, double? MedianMinutesToCare);

/// <summary>
/// Cooperation agreements (issue 5 must-have 4; domain rules §8, seed 003 §(九)). Written by the platform admin or an
/// institution admin of either party; read by the parties' staff, regulators of the care institution's county and the
/// platform admin. Every change is audited (no elder involved, so nothing on a timeline).
/// </summary>
public sealed class AgreementService(YiyangDb db, CurrentUser user, AuditTrail audit, TimeProvider clock)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(China).DateTime);
    private string Actor => user.IsAuthenticated ? user.UserName : "system";
    private bool IsAdmin => user.Role == Roles.PlatformAdmin;

    private static NotFoundException Missing() => new("未找到该协议，或您无权查看。");

    private IQueryable<Agreement> Visible()
    {
        var q = db.Set<Agreement>().AsNoTracking();
        if (IsAdmin) return q;
        if (user.Role == Roles.Regulator)
        {
            var region = user.RegionCode ?? "\u0000";
            var county = region.Length >= 6 ? region[..6] : region;
            return q.Where(a => a.CountyCode.StartsWith(county));
        }
        var org = user.OrganizationId ?? -1;
        return q.Where(a => a.MedicalOrganizationId == org || a.CareOrganizationId == org);
    }

    private bool MayWrite(Agreement a) =>
        IsAdmin || (user.Role == Roles.InstitutionAdmin && user.OrganizationId is { } o && (o == a.MedicalOrganizationId || o == a.CareOrganizationId));

    public async Task<AgreementDto> CreateAsync(AgreementInput input, CancellationToken ct)
    {
        if (!(IsAdmin || user.Role == Roles.InstitutionAdmin)) throw new ForbiddenException("只有机构管理员或平台管理员可以签订合作协议。");
        var errors = new FieldErrors();
        var medical = input.MedicalOrganizationId is { } m ? await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == m, ct) : null;
        var care = input.CareOrganizationId is { } c ? await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == c, ct) : null;
        if (medical is null || medical.Kind == OrganizationKind.ElderlyCare) errors.Add("medicalOrganizationId", "请选择医疗卫生机构。");
        if (care is null || care.Kind == OrganizationKind.Medical) errors.Add("careOrganizationId", "请选择养老机构或医养结合机构。");
        if (medical is not null && care is not null && medical.Id == care.Id) errors.Add("careOrganizationId", "合作双方不能是同一机构。");
        foreach (var (field, message) in AgreementRules.TermErrors(input.StartOn, input.EndOn)) errors.Add(field, message);
        var codes = (input.Items ?? []).Select(i => (i ?? "").Trim()).Distinct().ToList();
        if (codes.Count == 0) errors.Add("items", "请至少选择一项合作内容。");
        else if (codes.Any(code => AgreementRules.ItemName(code) is null)) errors.Add("items", "合作内容不在规定的项目中。");
        var hasRounds = codes.Contains(AgreementRules.Rounds);
        if (hasRounds && input.RoundsPerMonth is not (>= 1 and <= 31)) errors.Add("roundsPerMonth", "选择巡诊时请填写每月巡诊次数（1–31）。");
        if (input.Fee is { } fee && (fee < 0 || fee > 9_999_999_999.99m || decimal.Round(fee, 2) != fee)) errors.Add("fee", "服务费用应为不小于 0 的金额（元，最多两位小数）。");
        var medicalDuties = (input.MedicalDuties ?? "").Trim();
        var careDuties = (input.CareDuties ?? "").Trim();
        if (medicalDuties.Length is 0 or > 2000) errors.Add("medicalDuties", "请填写医疗卫生机构的责任和义务（最多 2000 字）。");
        if (careDuties.Length is 0 or > 2000) errors.Add("careDuties", "请填写养老机构的责任和义务（最多 2000 字）。");
        errors.ThrowIfAny();
        if (!IsAdmin && user.OrganizationId != medical!.Id && user.OrganizationId != care!.Id)
            throw new ForbiddenException("只能为本机构签订合作协议。");
        var now = clock.GetUtcNow();
        var a = new Agreement
        {
            MedicalOrganizationId = medical!.Id,
            CareOrganizationId = care!.Id,
            StartOn = input.StartOn!.Value,
            EndOn = input.EndOn!.Value,
            Items = string.Join(',', AgreementRules.Items.Select(i => i.Code).Where(codes.Contains)),
            RoundsPerMonth = hasRounds ? input.RoundsPerMonth : null,
            Fee = input.Fee,
            MedicalDuties = Masking.Scrub(medicalDuties),
            CareDuties = Masking.Scrub(careDuties),
            Status = AgreementStatus.Draft,
            CountyCode = care.CountyCode,
            CreatedByUser = Actor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(a);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("agreements.create", "agreement", a.Id.ToString(), null, $"{medical.Id}-{care.Id} {a.StartOn:yyyy-MM-dd}..{a.EndOn:yyyy-MM-dd}");
        return await GetAsync(a.Id, ct);
    }

    public async Task<IReadOnlyList<AgreementDto>> ListAsync(string? status, CancellationToken ct)
    {
        var rows = await Visible().OrderByDescending(a => a.Id).Take(500).ToListAsync(ct);
        var list = await ToDtosAsync(rows, ct);
        return string.IsNullOrEmpty(status) ? list : list.Where(d => d.Status == status).ToList();
    }

    public async Task<AgreementDto> GetAsync(long id, CancellationToken ct)
    {
        var a = await Visible().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw Missing();
        return (await ToDtosAsync([a], ct))[0];
    }

    public async Task<AgreementDto> ActivateAsync(long id, AgreementTransitionInput input, int? ifMatch, CancellationToken ct)
    {
        var a = await LoadForWriteAsync(id, input, ifMatch, ct);
        var today = Today;
        if (AgreementRules.ActivateRefusal(a.Status, a.StartOn, a.EndOn, today) is { } refusal) throw new ConflictException("illegal-transition", refusal);
        // an earlier agreement of the pair whose term has run out is 到期 now (frees the one-effective-per-pair index)
        var lapsed = await db.Set<Agreement>().Where(x => x.MedicalOrganizationId == a.MedicalOrganizationId && x.CareOrganizationId == a.CareOrganizationId
            && x.Status == AgreementStatus.Effective && x.EndOn < today).ToListAsync(ct);
        foreach (var x in lapsed)
        {
            x.Status = AgreementStatus.Expired;
            x.UpdatedAt = clock.GetUtcNow();
            x.Version++;
        }
        if (await db.Set<Agreement>().AnyAsync(x => x.Id != a.Id && x.MedicalOrganizationId == a.MedicalOrganizationId
                && x.CareOrganizationId == a.CareOrganizationId && x.Status == AgreementStatus.Effective && x.EndOn >= today, ct))
            throw new ConflictException("already-effective", "这两家机构之间已有一份生效中的协议，请先终止该协议。");
        a.Status = AgreementStatus.Effective;
        a.ActivatedAt = clock.GetUtcNow();
        await SaveAsync(a, ct);
        foreach (var x in lapsed) await audit.RecordAsync("agreements.expire", "agreement", x.Id.ToString());
        await audit.RecordAsync("agreements.activate", "agreement", a.Id.ToString());
        return await GetAsync(a.Id, ct);
    }

    public async Task<AgreementDto> TerminateAsync(long id, AgreementTransitionInput input, int? ifMatch, CancellationToken ct)
    {
        var reason = (input.Reason ?? "").Trim();
        if (reason.Length is 0 or > 500) throw new ValidationFailedException(new Dictionary<string, string[]> { ["reason"] = ["请填写终止原因（最多 500 字）。"] });
        var a = await LoadForWriteAsync(id, input, ifMatch, ct);
        var today = Today;
        if (AgreementRules.TerminateRefusal(a.Status, a.StartOn, a.EndOn, today) is { } refusal) throw new ConflictException("illegal-transition", refusal);
        a.Status = AgreementStatus.Terminated;
        a.TerminatedOn = today;
        a.TerminateReason = Masking.Scrub(reason);
        await SaveAsync(a, ct);
        await audit.RecordAsync("agreements.terminate", "agreement", a.Id.ToString(), null, a.TerminateReason);
        return await GetAsync(a.Id, ct);
    }

    public async Task<AttachmentDto> AddAttachmentAsync(long id, AttachmentInput input, CancellationToken ct)
    {
        var a = await db.Set<Agreement>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null || !await Visible().AnyAsync(x => x.Id == id, ct)) throw Missing();
        if (!MayWrite(a)) throw new ForbiddenException("只有协议双方的机构管理员或平台管理员可以登记附件。");
        var errors = new FieldErrors();
        var name = (input.FileName ?? "").Trim();
        if (name.Length is 0 or > 200) errors.Add("fileName", "请填写附件名称（最多 200 字）。");
        var description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        if (description is { Length: > 500 }) errors.Add("description", "说明最多 500 字。");
        if (input.SizeBytes is < 0) errors.Add("sizeBytes", "文件大小不能为负数。");
        errors.ThrowIfAny();
        var x = new AgreementAttachment
        {
            AgreementId = id,
            FileName = Masking.Scrub(name),
            Description = description is null ? null : Masking.Scrub(description),
            SizeBytes = input.SizeBytes,
            CreatedByUser = Actor,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(x);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("agreements.attachment.add", "agreement", id.ToString(), null, $"attachment {x.Id}");
        return new AttachmentDto(x.Id, x.FileName, x.Description, x.SizeBytes, x.CreatedByUser, x.CreatedAt);
    }

    /// <summary>
    /// Care homes (养老机构; 医养结合机构 hold a medical licence of their own) with no medical room and no agreement in force,
    /// in a region (regulators: within their own region).
    /// </summary>
    public async Task<IReadOnlyList<UncoveredDto>> UncoveredAsync(string? regionCode, CancellationToken ct)
    {
        var region = string.IsNullOrWhiteSpace(regionCode) ? null : regionCode.Trim();
        if (user.Role == Roles.Regulator)
        {
            var own = user.RegionCode ?? "\u0000";
            if (region is null || !region.StartsWith(own, StringComparison.Ordinal)) region = own;
        }
        var today = Today;
        var q = db.Organizations.AsNoTracking().Where(o => o.Kind == OrganizationKind.ElderlyCare && !o.HasMedicalRoom
            && !db.Set<Agreement>().Any(a => a.CareOrganizationId == o.Id && a.Status == AgreementStatus.Effective && a.StartOn <= today && a.EndOn >= today));
        if (region is not null) q = q.Where(o => o.TownshipCode.StartsWith(region));
        var rows = await q.OrderBy(o => o.TownshipCode).ThenBy(o => o.Id).ToListAsync(ct);
        await audit.RecordAsync("agreements.uncovered", "organization", null, null, region, wait: false);
        return rows.Select(o => new UncoveredDto(o.Id, o.Name, o.TownshipCode, o.TotalBeds)).ToList();
    }

    /// <summary>
    /// Performance over the term so far (or [from, to] within it): referrals between the two organizations (sent = care →
    /// medical, received = medical → care) with the median minutes from request to acceptance; green-channel appointments
    /// on the agreement's quotas and how many were served with the median minutes arrival → served; planned 巡诊 visits.
    /// </summary>
    public async Task<PerformanceDto> PerformanceAsync(long id, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var a = await Visible().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw Missing();
        var start = from is { } f && f > a.StartOn ? f : a.StartOn;
        var endLimit = a.TerminatedOn is { } t && t < a.EndOn ? t : a.EndOn;
        var end = to is { } u && u < endLimit ? u : endLimit;
        if (end > Today) end = Today;
        var fromInstant = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), China);
        var toInstant = new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), China);
        var (m, c) = (a.MedicalOrganizationId, a.CareOrganizationId);

        var referrals = await db.Set<Referral>().AsNoTracking()
            .Where(r => ((r.FromOrganizationId == c && r.ToOrganizationId == m) || (r.FromOrganizationId == m && r.ToOrganizationId == c)))
            .Select(r => new { r.FromOrganizationId, r.RequestedAt, r.AcceptedAt }).ToListAsync(ct);
        referrals = referrals.Where(r => r.RequestedAt >= fromInstant && r.RequestedAt < toInstant).ToList();
        var accepted = referrals.Where(r => r.AcceptedAt is not null).Select(r => (int)(r.AcceptedAt!.Value - r.RequestedAt).TotalMinutes).ToList();

        // the green-channel appointments booked on this agreement's quotas (not every appointment of the pair)
        var appointments = await (from x in db.Set<GreenChannelAppointment>().AsNoTracking()
                                  join q in db.Set<GreenChannelQuota>().AsNoTracking() on x.QuotaId equals q.Id
                                  where q.AgreementId == id && x.Date >= start && x.Date <= end
                                  select new { x.Status, x.ArrivedAt, x.ServedAt }).ToListAsync(ct);
        var served = appointments.Where(x => x.Status == AppointmentStatus.Served && x.ArrivedAt is not null && x.ServedAt is not null)
            .Select(x => (int)(x.ServedAt!.Value - x.ArrivedAt!.Value).TotalMinutes).ToList();

        await audit.RecordAsync("agreements.performance", "agreement", id.ToString(), wait: false);
        return new PerformanceDto(id, start, end,
            a.RoundsPerMonth is { } perMonth && a.Status != AgreementStatus.Draft ? AgreementRules.PlannedRounds(perMonth, start, end) : null,
            referrals.Count(r => r.FromOrganizationId == c), referrals.Count(r => r.FromOrganizationId == m), accepted.Count,
            AgreementRules.Median(accepted), appointments.Count, served.Count, AgreementRules.Median(served));
    }

    public async Task<IReadOnlyList<OrgRef>> OrganizationsAsync(bool medical, CancellationToken ct) =>
        await db.Organizations.AsNoTracking()
            .Where(o => medical ? o.Kind != OrganizationKind.ElderlyCare : o.Kind != OrganizationKind.Medical)
            .OrderBy(o => o.Name).Select(o => new OrgRef(o.Id, o.Name)).ToListAsync(ct);

    private async Task<Agreement> LoadForWriteAsync(long id, AgreementTransitionInput input, int? ifMatch, CancellationToken ct)
    {
        if (!await Visible().AnyAsync(x => x.Id == id, ct)) throw Missing();
        var a = await db.Set<Agreement>().FirstAsync(x => x.Id == id, ct);
        if (!MayWrite(a)) throw new ForbiddenException("只有协议双方的机构管理员或平台管理员可以变更协议状态。");
        Etags.CheckVersion(a.Version, ifMatch, input.Version);
        return a;
    }

    private async Task SaveAsync(Agreement a, CancellationToken ct)
    {
        a.UpdatedAt = clock.GetUtcNow();
        a.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("concurrency", "该协议已被他人修改，请刷新后重试。");
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new ConflictException("already-effective", "这两家机构之间已有一份生效中的协议，请先终止该协议。");
        }
    }

    private async Task<List<AgreementDto>> ToDtosAsync(List<Agreement> rows, CancellationToken ct)
    {
        var orgIds = rows.SelectMany(a => new[] { a.MedicalOrganizationId, a.CareOrganizationId }).Distinct().ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var ids = rows.Select(a => a.Id).ToList();
        var attachments = (await db.Set<AgreementAttachment>().AsNoTracking().Where(x => ids.Contains(x.AgreementId)).OrderBy(x => x.Id).ToListAsync(ct))
            .ToLookup(x => x.AgreementId);
        var today = Today;
        return rows.Select(a =>
        {
            var status = AgreementRules.StatusOn(a.Status, a.EndOn, today);
            var actions = new List<string>();
            if (MayWrite(a))
            {
                if (AgreementRules.ActivateRefusal(a.Status, a.StartOn, a.EndOn, today) is null) actions.Add("activate");
                if (AgreementRules.TerminateRefusal(a.Status, a.StartOn, a.EndOn, today) is null) actions.Add("terminate");
            }
            return new AgreementDto(a.Id, new OrgRef(a.MedicalOrganizationId, names[a.MedicalOrganizationId]), new OrgRef(a.CareOrganizationId, names[a.CareOrganizationId]),
                a.StartOn, a.EndOn, a.Items.Split(',').Select(code => new AgreementItemDto(code, AgreementRules.ItemName(code) ?? code)).ToList(),
                a.RoundsPerMonth, a.Fee, a.MedicalDuties, a.CareDuties, AgreementRules.StatusCode(status), AgreementRules.StatusName(status),
                AgreementRules.IsInForce(a.Status, a.StartOn, a.EndOn, today), a.ActivatedAt, a.TerminatedOn, a.TerminateReason,
                attachments[a.Id].Select(x => new AttachmentDto(x.Id, x.FileName, x.Description, x.SizeBytes, x.CreatedByUser, x.CreatedAt)).ToList(),
                actions, a.Version);
        }).ToList();
    }
}
