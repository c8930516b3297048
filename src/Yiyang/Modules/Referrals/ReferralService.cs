using Microsoft.EntityFrameworkCore;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Organizations;
using Yiyang.Platform.Audit;
using Yiyang.Platform.Data;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.Referrals;

/// <summary>
/// Two-way referral (issue 5, must-have 6; domain rules §7). Scope: a referral is seen by the staff of the organization
/// that sent it (outbox) and of the organization it is addressed to (inbox) — the receiver reads it, with the elder's
/// masked name, age and sex and the clinical summary, even though the elder is not otherwise in its scope — and by the
/// platform admin; for everybody else it does not exist (404). Every read of a referral and every transition is audited;
/// every transition is on the elder's timeline, in the same transaction.
/// </summary>
public sealed class ReferralService(YiyangDb db, CurrentUser user, AuditTrail audit, TimeProvider clock)
{
    private const string Module = "referrals";
    private const int MaxPageSize = 200;
    private const int TextMax = 2000;
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(China).DateTime);
    private string Actor => user.IsAuthenticated ? user.UserName : "system";
    private bool IsAdmin => user.Role == Roles.PlatformAdmin;

    private static NotFoundException NoReferral() => new("未找到该转诊，或您无权查看。");

    private static ValidationFailedException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });

    private void RequireStaff()
    {
        if (!Policies.Map[Policies.Referrals].Contains(user.Role)) throw new ForbiddenException();
    }

    /// <summary>The referrals the user may see: the platform admin all; staff those sent by or addressed to their organization.</summary>
    private IQueryable<Referral> Scoped()
    {
        var q = db.Set<Referral>().AsQueryable();
        if (IsAdmin) return q;
        if (!Roles.InstitutionStaff.Contains(user.Role) || user.OrganizationId is not { } org) return q.Where(r => false);
        return q.Where(r => r.FromOrganizationId == org || r.ToOrganizationId == org);
    }

    private ReferralSide SideOf(Referral r)
    {
        if (IsAdmin) return ReferralSide.Both;
        var side = ReferralSide.None;
        if (user.OrganizationId == r.FromOrganizationId) side |= ReferralSide.Sender;
        if (user.OrganizationId == r.ToOrganizationId) side |= ReferralSide.Receiver;
        return side;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string? Text(FieldErrors errors, string field, string label, string? value, bool required, int max = TextMax)
    {
        var v = Clean(value);
        if (v is null)
        {
            if (required) errors.Add(field, $"请填写{label}。");
            return null;
        }
        if (v.Length > max) errors.Add(field, $"{label}最多 {max} 个字。");
        return v;
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("concurrency", "该转诊已被他人处理，请刷新后查看最新状态。");
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new ConflictException("already-returned", "该转诊已有回转单，不能重复回转。");
        }
    }

    private async Task<Organization> OrgAsync(long id, string field, string message, CancellationToken ct) =>
        await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw Invalid(field, message);

    // ---------------------------------------------------------------- create

    public async Task<ReferralDto> CreateAsync(ReferralInput input, CancellationToken ct)
    {
        RequireStaff();
        var errors = new FieldErrors();
        var direction = ReferralRules.ParseDirection(input.Direction);
        if (direction is null) errors.Add("direction", "转诊方向只能是上转（up）或下转（down）。");
        if (input.ElderId is null) errors.Add("elderId", "请选择转诊的老年人。");
        if (input.ToOrganizationId is null) errors.Add("toOrganizationId", "请选择接收机构。");
        long? fromId = IsAdmin ? input.FromOrganizationId : user.OrganizationId;
        if (fromId is null) errors.Add("fromOrganizationId", "请选择转出机构。");
        else if (!IsAdmin && input.FromOrganizationId is { } given && given != fromId)
            errors.Add("fromOrganizationId", "只能从本机构发起转诊。");
        if (fromId is not null && fromId == input.ToOrganizationId) errors.Add("toOrganizationId", "接收机构不能是转出机构本身。");
        var indication = ReferralRules.FindIndication(input.Indication);
        if (indication is null) errors.Add("indication", "请选择转诊指征。");
        else if (direction is { } d0 && indication.Direction != d0)
            errors.Add("indication", $"“{indication.Name}”不是{ReferralRules.DirectionName(d0)}的指征。");
        var reason = Text(errors, "reason", "转诊原因", input.Reason, true, 500);
        var urgency = ReferralRules.ParseUrgency(input.Urgency);
        if (urgency is null) errors.Add("urgency", "紧急程度只能是普通（routine）、紧急（urgent）或危重（critical）。");
        var department = Text(errors, "toDepartment", "接收科室", input.ToDepartment, false, 50);
        var doctor = Text(errors, "referringDoctor", "转诊医生", input.ReferringDoctor, false, 64);
        string? destination = null;
        var up = direction == ReferralDirection.Up;
        if (direction == ReferralDirection.Down)
        {
            destination = Clean(input.Destination);
            if (ReferralRules.DestinationName(destination) is null)
                errors.Add("destination", "下转去向只能是社区/基层医疗卫生机构（community）、养老机构（care-home）或家庭病床（family-sickbed）。");
        }
        var impression = Text(errors, "initialImpression", "初步印象", input.InitialImpression, up);
        var present = Text(errors, "presentHistory", "主要现病史", input.PresentHistory, up);
        var past = Text(errors, "pastHistory", "主要既往史", input.PastHistory, false);
        var treatment = Text(errors, "treatmentSoFar", "治疗经过", input.TreatmentSoFar, false);
        var diagnosis = Text(errors, "diagnosis", "诊断结果", input.Diagnosis, !up && direction is not null);
        var inpatient = Text(errors, "inpatientNo", "住院病案号", input.InpatientNo, false, 32);
        var results = Text(errors, "mainResults", "主要检查结果", input.MainResults, false);
        var course = Text(errors, "treatmentCourse", "治疗经过", input.TreatmentCourse, false);
        var advice = Text(errors, "nextStepAdvice", "下一步治疗方案及康复建议", input.NextStepAdvice, !up && direction is not null);
        errors.ThrowIfAny();

        var from = await OrgAsync(fromId!.Value, "fromOrganizationId", "转出机构不存在。", ct);
        var to = await OrgAsync(input.ToOrganizationId!.Value, "toOrganizationId", "接收机构不存在。", ct);
        if (up && to.Kind == OrganizationKind.ElderlyCare)
            throw Invalid("toOrganizationId", "上转的接收机构应为医疗卫生机构或医养结合机构。");
        // the sender must have the elder in its scope (staff: elders their organization is responsible for), or the elder
        // lives in the sending care institution (an open stay there)
        var senderId = from.Id;
        var elder = await ElderScope.Apply(db.Elders.AsNoTracking(), user).FirstOrDefaultAsync(e => e.Id == input.ElderId, ct)
                    ?? await (from e in db.Elders.AsNoTracking()
                              join s in db.Set<Institutions.InstitutionStay>().AsNoTracking() on e.Id equals s.ElderId
                              where e.Id == input.ElderId && s.OrganizationId == senderId && s.DischargedOn == null
                              select e).FirstOrDefaultAsync(ct)
                    ?? throw new NotFoundException("未找到该老年人，或您无权查看。");

        var now = clock.GetUtcNow();
        var r = new Referral
        {
            Direction = direction!.Value,
            Status = ReferralStatus.Requested,
            ElderId = elder.Id,
            FromOrganizationId = from.Id,
            ToOrganizationId = to.Id,
            ToDepartment = department,
            Destination = destination,
            Indication = indication!.Code,
            Reason = reason!,
            Urgency = urgency!.Value,
            InitialImpression = up ? impression : null,
            PresentHistory = up ? present : null,
            PastHistory = up ? past : null,
            TreatmentSoFar = up ? treatment : null,
            Diagnosis = up ? null : diagnosis,
            InpatientNo = up ? null : inpatient,
            MainResults = up ? null : results,
            TreatmentCourse = up ? null : course,
            NextStepAdvice = up ? null : advice,
            ReferringDoctor = doctor ?? Actor,
            RequestedAt = now,
            UpdatedAt = now,
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            CreatedByUser = Actor,
        };
        db.Add(r);
        db.TimelineEvents.Add(TimelineEvent.Create(elder.Id, now, "referrals.requested", Module,
            $"{ReferralRules.DirectionName(r.Direction)}申请（{ReferralRules.UrgencyName(r.Urgency)}）：{from.Name} → {to.Name}{(department is null ? "" : "·" + department)}，指征：{indication.Name}", Actor));
        await SaveAsync(ct);
        await audit.RecordAsync("referrals.create", "referral", r.Id.ToString(), elder.Id, ReferralRules.DirectionCode(r.Direction));
        return await GetAsync(r.Id, ct, audited: false);
    }

    // ---------------------------------------------------------------- transitions

    private async Task<Referral> LoadForUpdateAsync(long id, CancellationToken ct)
    {
        RequireStaff();
        return await Scoped().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw NoReferral();
    }

    private static void Enforce(ReferralDecision d)
    {
        if (d.Allowed) return;
        if (d.Status == 403) throw new ForbiddenException(d.Message!);
        throw new ConflictException("illegal-transition", d.Message!);
    }

    private async Task<string> OrgNameAsync(long id, CancellationToken ct) =>
        await db.Organizations.AsNoTracking().Where(o => o.Id == id).Select(o => o.Name).FirstAsync(ct);

    /// <summary>接收 / 拒绝 / 撤回 / 登记到达 / 完成 (回转 has its own method: it creates the 回转单).</summary>
    public async Task<ReferralDto> TransitionAsync(long id, ReferralAction action, TransitionInput input, int? ifMatch, CancellationToken ct)
    {
        if (action == ReferralAction.Return) throw new ArgumentException("use ReturnAsync", nameof(action));
        var r = await LoadForUpdateAsync(id, ct);
        var decision = ReferralRules.Decide(r.Status, r.Direction, action, SideOf(r));
        Enforce(decision);
        if (ifMatch is not null || input.Version is not null) Etags.CheckVersion(r.Version, ifMatch, input.Version);

        var errors = new FieldErrors();
        var reason = Text(errors, "reason", action == ReferralAction.Reject ? "拒绝原因" : "原因", input.Reason, action == ReferralAction.Reject, 500);
        var receiving = Text(errors, "receivingDoctor", "接诊医生", input.ReceivingDoctor, false, 64);
        var note = Text(errors, "note", "备注", input.Note, false, 500);
        errors.ThrowIfAny();

        var now = clock.GetUtcNow();
        r.Status = decision.Next!.Value;
        r.UpdatedAt = now;
        r.Version++;
        string summary;
        var to = await OrgNameAsync(r.ToOrganizationId, ct);
        switch (action)
        {
            case ReferralAction.Accept:
                r.AcceptedAt = now;
                r.ReceivingDoctor = receiving ?? r.ReceivingDoctor ?? Actor;
                summary = $"{to}已接收{ReferralRules.DirectionName(r.Direction)}（用时 {ReferralRules.Duration(ReferralRules.MinutesToAccept(r.RequestedAt, now)!.Value)}）";
                break;
            case ReferralAction.Reject:
                r.RejectedAt = now;
                r.RejectReason = reason;
                summary = $"{to}拒绝了{ReferralRules.DirectionName(r.Direction)}：{Masking.Scrub(reason!)}";
                break;
            case ReferralAction.Withdraw:
                r.WithdrawnAt = now;
                r.CloseNote = reason ?? note;
                summary = $"转出机构撤回了{ReferralRules.DirectionName(r.Direction)}申请";
                break;
            case ReferralAction.Arrive:
                r.ArrivedAt = now;
                if (receiving is not null) r.ReceivingDoctor = receiving;
                summary = $"已到达{to}（自申请起 {ReferralRules.Duration(ReferralRules.MinutesToArrive(r.RequestedAt, now)!.Value)}）";
                break;
            default:
                r.CompletedAt = now;
                r.CloseNote = note ?? reason;
                summary = r.Direction == ReferralDirection.Down ? $"下转完成，{to}接续服务" : $"{ReferralRules.DirectionName(r.Direction)}完成（未回转，{to}结束诊治）";
                break;
        }
        db.TimelineEvents.Add(TimelineEvent.Create(r.ElderId, now, "referrals." + ReferralRules.StatusCode(r.Status), Module, summary, Actor));

        // a down-referral that answers an up-referral closes it when the primary side has taken over (基层接续)
        Referral? parent = null;
        if (action == ReferralAction.Complete && r.ParentReferralId is { } pid)
        {
            parent = await db.Set<Referral>().FirstOrDefaultAsync(p => p.Id == pid, ct);
            if (parent is { Status: ReferralStatus.Returned })
            {
                parent.Status = ReferralStatus.Completed;
                parent.CompletedAt = now;
                parent.UpdatedAt = now;
                parent.Version++;
                db.TimelineEvents.Add(TimelineEvent.Create(r.ElderId, now, "referrals.completed", Module, "双向转诊闭环完成：已回转并由基层接续", Actor));
            }
            else parent = null;
        }
        await SaveAsync(ct);
        await audit.RecordAsync("referrals." + action.ToString().ToLowerInvariant(), "referral", r.Id.ToString(), r.ElderId,
            ReferralRules.StatusCode(r.Status));
        if (parent is not null)
            await audit.RecordAsync("referrals.complete", "referral", parent.Id.ToString(), parent.ElderId, "closed by return " + r.Id);
        return await GetAsync(r.Id, ct, audited: false);
    }

    /// <summary>回转: the hospital sends an arrived up-referral back down with the 回转单; the up-referral becomes 回转.</summary>
    public async Task<ReferralDto> ReturnAsync(long id, ReturnInput input, int? ifMatch, CancellationToken ct)
    {
        var up = await LoadForUpdateAsync(id, ct);
        var decision = ReferralRules.Decide(up.Status, up.Direction, ReferralAction.Return, SideOf(up));
        Enforce(decision);
        if (ifMatch is not null) Etags.CheckVersion(up.Version, ifMatch, null);

        var errors = new FieldErrors();
        var indication = ReferralRules.FindIndication(input.Indication);
        if (indication is not { Direction: ReferralDirection.Down }) errors.Add("indication", "请选择下转指征。");
        var from = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == up.FromOrganizationId, ct);
        var destination = Clean(input.Destination) ?? (from.Kind == OrganizationKind.ElderlyCare ? "care-home" : "community");
        if (ReferralRules.DestinationName(destination) is null)
            errors.Add("destination", "下转去向只能是社区/基层医疗卫生机构（community）、养老机构（care-home）或家庭病床（family-sickbed）。");
        var reason = Text(errors, "reason", "转诊原因", input.Reason, false, 500) ?? indication?.Name;
        var urgency = ReferralRules.ParseUrgency(input.Urgency);
        if (urgency is null) errors.Add("urgency", "紧急程度只能是普通（routine）、紧急（urgent）或危重（critical）。");
        var department = Text(errors, "toDepartment", "接收科室", input.ToDepartment, false, 50);
        var diagnosis = Text(errors, "diagnosis", "诊断结果", input.Diagnosis, true);
        var inpatient = Text(errors, "inpatientNo", "住院病案号", input.InpatientNo, false, 32);
        var results = Text(errors, "mainResults", "主要检查结果", input.MainResults, false);
        var course = Text(errors, "treatmentCourse", "治疗经过", input.TreatmentCourse, false);
        var advice = Text(errors, "nextStepAdvice", "下一步治疗方案及康复建议", input.NextStepAdvice, true);
        var doctor = Text(errors, "referringDoctor", "转诊医生", input.ReferringDoctor, false, 64);
        errors.ThrowIfAny();

        var now = clock.GetUtcNow();
        var down = new Referral
        {
            Direction = ReferralDirection.Down,
            Status = ReferralStatus.Requested,
            ElderId = up.ElderId,
            FromOrganizationId = up.ToOrganizationId,
            ToOrganizationId = up.FromOrganizationId,
            ToDepartment = department,
            Destination = destination,
            ParentReferralId = up.Id,
            Indication = indication!.Code,
            Reason = reason!,
            Urgency = urgency!.Value,
            Diagnosis = diagnosis,
            InpatientNo = inpatient,
            MainResults = results,
            TreatmentCourse = course,
            NextStepAdvice = advice,
            ReferringDoctor = doctor ?? Actor,
            RequestedAt = now,
            UpdatedAt = now,
            TownshipCode = up.TownshipCode,
            CountyCode = up.CountyCode,
            CreatedByUser = Actor,
        };
        up.Status = ReferralStatus.Returned;
        up.ReturnedAt = now;
        up.UpdatedAt = now;
        up.Version++;
        db.Add(down);
        var hospital = await OrgNameAsync(up.ToOrganizationId, ct);
        db.TimelineEvents.Add(TimelineEvent.Create(up.ElderId, now, "referrals.returned", Module,
            $"回转：{hospital} → {from.Name}（{ReferralRules.DestinationName(destination)}），指征：{indication.Name}", Actor));
        await SaveAsync(ct);
        await audit.RecordAsync("referrals.return", "referral", up.Id.ToString(), up.ElderId, "down " + down.Id);
        await audit.RecordAsync("referrals.create", "referral", down.Id.ToString(), up.ElderId, "down; answers " + up.Id);
        return await GetAsync(down.Id, ct, audited: false);
    }

    // ---------------------------------------------------------------- attachments

    private static readonly Dictionary<string, string> AllowedTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/pdf"] = "PDF",
        ["image/jpeg"] = "JPEG",
        ["image/png"] = "PNG",
    };

    public async Task<AttachmentDto> AddAttachmentAsync(long id, AttachmentInput input, CancellationToken ct)
    {
        var r = await LoadForUpdateAsync(id, ct);
        var errors = new FieldErrors();
        var name = Clean(input.FileName);
        if (name is null || name.Length > 120 || name.IndexOfAny(['/', '\\']) >= 0) errors.Add("fileName", "请填写文件名（最多 120 个字，不含路径）。");
        var type = Clean(input.ContentType)?.ToLowerInvariant();
        if (type is null || !AllowedTypes.ContainsKey(type)) errors.Add("contentType", "附件只能是 PDF、JPEG 或 PNG 文件。");
        byte[] content = [];
        try
        {
            content = Convert.FromBase64String(input.ContentBase64 ?? "");
        }
        catch (FormatException)
        {
            errors.Add("contentBase64", "附件内容不是有效的 Base64 编码。");
        }
        if (!errors.Has("contentBase64") && content.Length == 0) errors.Add("contentBase64", "附件内容为空。");
        if (content.Length > ReferralAttachment.MaxBytes) errors.Add("contentBase64", $"附件不能超过 {ReferralAttachment.MaxBytes / 1024 / 1024} MB。");
        errors.ThrowIfAny();
        return await StoreAttachmentAsync(r, name!, type!, content, ct);
    }

    /// <summary>The page's upload: the same checks on a posted file.</summary>
    public async Task<AttachmentDto> AddAttachmentAsync(long id, string? fileName, string? contentType, Stream content, long length, CancellationToken ct)
    {
        if (length > ReferralAttachment.MaxBytes) throw Invalid("file", $"附件不能超过 {ReferralAttachment.MaxBytes / 1024 / 1024} MB。");
        using var ms = new MemoryStream();
        await content.CopyToAsync(ms, ct);
        try
        {
            return await AddAttachmentAsync(id, new AttachmentInput(Path.GetFileName(fileName ?? ""), contentType, Convert.ToBase64String(ms.ToArray())), ct);
        }
        catch (ValidationFailedException v)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["file"] = v.Errors.SelectMany(e => e.Value).ToArray() });
        }
    }

    private async Task<AttachmentDto> StoreAttachmentAsync(Referral r, string name, string type, byte[] content, CancellationToken ct)
    {
        if (r.Status is ReferralStatus.Rejected or ReferralStatus.Withdrawn)
            throw new ConflictException("illegal-transition", $"该转诊当前状态为“{ReferralRules.StatusName(r.Status)}”，不能再添加附件。");
        var a = new ReferralAttachment
        {
            ReferralId = r.Id,
            FileName = name,
            ContentType = type,
            SizeBytes = content.Length,
            Content = content,
            CountyCode = r.CountyCode,
            CreatedByUser = Actor,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(a);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("referrals.attachment.add", "referral", r.Id.ToString(), r.ElderId, $"attachment {a.Id}, {content.Length} bytes");
        return new AttachmentDto(a.Id, a.FileName, a.ContentType, a.SizeBytes, a.CreatedAt, a.CreatedByUser);
    }

    public async Task<(string FileName, string ContentType, byte[] Content)> GetAttachmentAsync(long id, long attachmentId, CancellationToken ct)
    {
        RequireStaff();
        var r = await Scoped().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw NoReferral();
        var a = await db.Set<ReferralAttachment>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == attachmentId && x.ReferralId == id, ct)
                ?? throw new NotFoundException("未找到该附件。");
        await audit.RecordAsync("referrals.attachment.read", "referral", r.Id.ToString(), r.ElderId, $"attachment {a.Id}");
        return (a.FileName, a.ContentType, a.Content);
    }

    // ---------------------------------------------------------------- reads

    /// <summary>One referral; the read is audited (it carries a person's clinical summary).</summary>
    // ---------------------------------------------------------------- follow-up of a down-referral (issue 5 item 6)

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];

    /// <summary>The referral when the caller may open its follow-up now (403 / 409 from <see cref="ReferralRules.FollowUp"/>).</summary>
    private async Task<Referral> LoadForFollowUpAsync(long id, int? version, int? ifMatch, CancellationToken ct)
    {
        RequireStaff();
        var r = await Scoped().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw NoReferral();
        var d = ReferralRules.FollowUp(r.Status, r.Direction, !IsAdmin && user.OrganizationId == r.ToOrganizationId, r.SickbedId is not null || r.StayId is not null);
        if (!d.Allowed) throw d.Status == 403 ? new ForbiddenException(d.Message!) : new ConflictException("illegal-transition", d.Message!);
        if (ifMatch is not null || version is not null) Etags.CheckVersion(r.Version, ifMatch, version);
        return r;
    }

    /// <summary>
    /// Links the opened sickbed / stay to the referral with one conditional update (never overwrites a link, never conflicts
    /// with a concurrent status transition), then puts it on the timeline and in the audit trail.
    /// </summary>
    private async Task LinkAsync(Referral r, long? sickbedId, long? stayId, string summary, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var linked = await db.Set<Referral>().Where(x => x.Id == r.Id && x.SickbedId == null && x.StayId == null)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.SickbedId, sickbedId).SetProperty(x => x.StayId, stayId)
                .SetProperty(x => x.UpdatedAt, now).SetProperty(x => x.Version, x => x.Version + 1), ct);
        if (linked == 0) throw new ConflictException("already-opened", "该转诊已建立家庭病床或办理入住，不能重复办理。");
        db.TimelineEvents.Add(TimelineEvent.Create(r.ElderId, now, "referrals.follow-up", Module, summary, Actor));
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(sickbedId is null ? "referrals.admit" : "referrals.open-sickbed", "referral", r.Id.ToString(), r.ElderId,
            sickbedId is null ? $"stay {stayId}" : $"sickbed {sickbedId}");
    }

    /// <summary>
    /// 下转接续 as a family sickbed: the receiving (medical) organization applies for a family sickbed for the referred elder
    /// through <see cref="Sickbeds.SickbedService.ApplyAsync"/> (its rules and 409s unchanged: one open sickbed per elder,
    /// scope, medical institution only); the diagnosis name and the reason are prefilled from the 回转单.
    /// </summary>
    public async Task<ReferralDto> OpenSickbedAsync(long id, OpenSickbedInput input, int? ifMatch, Sickbeds.SickbedService sickbeds, CancellationToken ct)
    {
        var r = await LoadForFollowUpAsync(id, input.Version, ifMatch, ct);
        var reason = Clean(input.Reason) ?? Cut("下转接续：" + (r.NextStepAdvice ?? r.Reason), 500);
        var diagnosis = Clean(input.DiagnosisName) ?? (r.Diagnosis is null ? null : Cut(r.Diagnosis, 100));
        var bed = await sickbeds.ApplyAsync(new Sickbeds.ApplicationInput(r.ElderId, null, reason, input.DiagnosisCode, diagnosis, null), ct);
        await LinkAsync(r, bed.Id, null, "下转接续：已据转诊申请家庭病床", ct);
        return await GetAsync(id, ct, audited: false);
    }

    /// <summary>
    /// 下转接续 as a care-home admission: the receiving institution admits the referred elder to one of its beds through
    /// <see cref="Institutions.InstitutionService.AdmitAsync"/> (one resident per bed, one institution per elder: its 409s pass through).
    /// </summary>
    public async Task<ReferralDto> AdmitAsync(long id, ReferralAdmitInput input, int? ifMatch, Institutions.InstitutionService institutions, CancellationToken ct)
    {
        var r = await LoadForFollowUpAsync(id, input.Version, ifMatch, ct);
        var stay = await institutions.AdmitAsync(r.ToOrganizationId, new Institutions.AdmissionInput(r.ElderId, input.BedId, input.AdmittedOn, input.CareLevel,
            input.ContractNumber, input.ContractStartOn, input.ContractEndOn), ct);
        await LinkAsync(r, null, stay.Id, "下转接续：已据转诊办理入住", ct);
        return await GetAsync(id, ct, audited: false);
    }

    public async Task<ReferralDto> GetAsync(long id, CancellationToken ct, bool audited = true)
    {
        RequireStaff();
        var r = await Scoped().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw NoReferral();
        var elder = await db.Elders.AsNoTracking().FirstAsync(e => e.Id == r.ElderId, ct);
        var orgs = await db.Organizations.AsNoTracking().Where(o => o.Id == r.FromOrganizationId || o.Id == r.ToOrganizationId)
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        long? returnId = r.Direction == ReferralDirection.Up
            ? await db.Set<Referral>().AsNoTracking().Where(x => x.ParentReferralId == r.Id && x.Status != ReferralStatus.Rejected && x.Status != ReferralStatus.Withdrawn)
                .Select(x => (long?)x.Id).FirstOrDefaultAsync(ct)
            : null;
        var attachments = await db.Set<ReferralAttachment>().AsNoTracking().Where(a => a.ReferralId == r.Id).OrderBy(a => a.Id)
            .Select(a => new AttachmentDto(a.Id, a.FileName, a.ContentType, a.SizeBytes, a.CreatedAt, a.CreatedByUser)).ToListAsync(ct);
        if (audited) await audit.RecordAsync("referrals.read", "referral", r.Id.ToString(), r.ElderId);

        var side = SideOf(r);
        var now = clock.GetUtcNow();
        var masked = Masking.Name(elder.Name);
        // the full name only for users who have the elder in their own scope (the sender); the receiver sees the mask
        var name = ElderScope.Allows(user, elder) ? elder.Name : masked;
        var ind = ReferralRules.FindIndication(r.Indication);
        return new ReferralDto(r.Id, ReferralRules.DirectionCode(r.Direction), ReferralRules.DirectionName(r.Direction),
            ReferralRules.StatusCode(r.Status), ReferralRules.StatusName(r.Status),
            new ReferralElderDto(elder.Id, name, masked, elder.AgeOn(Today), elder.Sex.ToString().ToLowerInvariant(), CodeLists.SexName(elder.Sex),
                name == masked ? null : elder.HealthCardNo),
            new OrgRef(r.FromOrganizationId, orgs.GetValueOrDefault(r.FromOrganizationId, "")), new OrgRef(r.ToOrganizationId, orgs.GetValueOrDefault(r.ToOrganizationId, "")),
            r.ToDepartment, r.Destination, ReferralRules.DestinationName(r.Destination), r.ParentReferralId, returnId,
            r.Indication, ind?.Name ?? r.Indication, r.Reason, ReferralRules.UrgencyCode(r.Urgency), ReferralRules.UrgencyName(r.Urgency),
            r.InitialImpression, r.PresentHistory, r.PastHistory, r.TreatmentSoFar,
            r.Diagnosis, r.InpatientNo, r.MainResults, r.TreatmentCourse, r.NextStepAdvice,
            r.ReferringDoctor, r.ReceivingDoctor, r.RejectReason, r.CloseNote, r.CreatedByUser,
            r.RequestedAt, r.AcceptedAt, r.ArrivedAt, r.ReturnedAt, r.CompletedAt, r.RejectedAt, r.WithdrawnAt,
            ReferralRules.MinutesToAccept(r.RequestedAt, r.AcceptedAt), ReferralRules.MinutesToArrive(r.RequestedAt, r.ArrivedAt),
            ReferralRules.WaitingMinutes(r.Status, r.RequestedAt, r.AcceptedAt, now),
            side == ReferralSide.Both ? "both" : side == ReferralSide.Sender ? "sender" : "receiver",
            ReferralRules.Available(r.Status, r.Direction, side).Select(a => a.ToString().ToLowerInvariant()).ToList(),
            attachments, r.Version, r.SickbedId, r.StayId,
            ReferralRules.FollowUp(r.Status, r.Direction, !IsAdmin && user.OrganizationId == r.ToOrganizationId, r.SickbedId is not null || r.StayId is not null).Allowed
                ? ["open-sickbed", "admit"] : []);
    }

    /// <summary>
    /// Inbox (addressed to the organization) or outbox (sent by it), newest first, with the waiting time of open ones.
    /// Staff see their own organization's boxes; the platform admin names the organization.
    /// </summary>
    public async Task<PagedList<ReferralListItem>> ListAsync(ReferralQuery q, CancellationToken ct)
    {
        RequireStaff();
        var box = (q.Box ?? "inbox").Trim();
        if (box is not ("inbox" or "outbox")) throw Invalid("box", "box 只能是 inbox（收到的转诊）或 outbox（发出的转诊）。");
        long? org = IsAdmin ? q.OrganizationId : user.OrganizationId;
        if (!IsAdmin && q.OrganizationId is { } asked && asked != org) throw new NotFoundException("未找到该机构的转诊，或您无权查看。");
        var query = Scoped().AsNoTracking();
        if (org is { } o) query = box == "inbox" ? query.Where(r => r.ToOrganizationId == o) : query.Where(r => r.FromOrganizationId == o);
        if (!string.IsNullOrWhiteSpace(q.Status))
        {
            var s = ReferralRules.ParseStatus(q.Status) ?? throw Invalid("status", "状态只能是 requested、accepted、arrived、returned、completed、rejected 或 withdrawn。");
            query = query.Where(r => r.Status == s);
        }
        if (!string.IsNullOrWhiteSpace(q.Direction))
        {
            var d = ReferralRules.ParseDirection(q.Direction) ?? throw Invalid("direction", "方向只能是 up 或 down。");
            query = query.Where(r => r.Direction == d);
        }
        var page = Math.Max(1, q.Page ?? 1);
        var size = Math.Clamp(q.PageSize ?? 50, 1, MaxPageSize);
        var total = await query.CountAsync(ct);
        var rows = await (from r in query
                          join e in db.Elders.AsNoTracking() on r.ElderId equals e.Id
                          orderby r.RequestedAt descending, r.Id descending
                          select new { r, e.Name, e.Sex, e.BirthDate }).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var orgIds = rows.SelectMany(x => new[] { x.r.FromOrganizationId, x.r.ToOrganizationId }).Distinct().ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var now = clock.GetUtcNow();
        var today = Today;
        var items = rows.Select(x =>
        {
            var r = x.r;
            var age = today.Year - x.BirthDate.Year - (today < x.BirthDate.AddYears(today.Year - x.BirthDate.Year) ? 1 : 0);
            return new ReferralListItem(r.Id, ReferralRules.DirectionCode(r.Direction), ReferralRules.DirectionName(r.Direction),
                ReferralRules.StatusCode(r.Status), ReferralRules.StatusName(r.Status), r.ElderId, Masking.Name(x.Name), age, CodeLists.SexName(x.Sex),
                new OrgRef(r.FromOrganizationId, names.GetValueOrDefault(r.FromOrganizationId, "")), new OrgRef(r.ToOrganizationId, names.GetValueOrDefault(r.ToOrganizationId, "")),
                r.ToDepartment, ReferralRules.FindIndication(r.Indication)?.Name ?? r.Indication, ReferralRules.UrgencyCode(r.Urgency), ReferralRules.UrgencyName(r.Urgency),
                r.RequestedAt, r.AcceptedAt, r.ArrivedAt, ReferralRules.MinutesToAccept(r.RequestedAt, r.AcceptedAt),
                ReferralRules.MinutesToArrive(r.RequestedAt, r.ArrivedAt), ReferralRules.WaitingMinutes(r.Status, r.RequestedAt, r.AcceptedAt, now));
        }).ToList();
        return new PagedList<ReferralListItem>(items, total, page, size);
    }

    /// <summary>
    /// Counts and response times of an organization's referrals requested in [from, to] (China dates; default the last 30
    /// days): sent and received, by direction and status; acceptance rate = accepted / (accepted + rejected); minutes from
    /// request to acceptance and to arrival (average and median). Staff: their organization; regulators: organizations in
    /// their region; the platform admin: any.
    /// </summary>
    public async Task<ReferralStatsDto> StatsAsync(long? organizationId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        if (!Policies.Map[Policies.ReferralStats].Contains(user.Role)) throw new ForbiddenException();
        var orgId = organizationId ?? user.OrganizationId ?? throw Invalid("organizationId", "请指定机构。");
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct);
        var allowed = org is not null && (IsAdmin
            || (Roles.InstitutionStaff.Contains(user.Role) && user.OrganizationId == org.Id)
            || (user.Role == Roles.Regulator && !string.IsNullOrEmpty(user.RegionCode) && org.TownshipCode.StartsWith(user.RegionCode, StringComparison.Ordinal)));
        if (!allowed) throw new NotFoundException("未找到该机构，或您无权查看。");
        var end = to ?? Today;
        var start = from ?? end.AddDays(-29);
        if (start > end) throw Invalid("from", "起始日期不能晚于截止日期。");
        if (end.DayNumber - start.DayNumber > 366) throw Invalid("from", "统计区间最长一年。");
        var lo = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), China).ToUniversalTime();
        var hi = new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), China).ToUniversalTime();
        var rows = await db.Set<Referral>().AsNoTracking()
            .Where(r => (r.FromOrganizationId == orgId || r.ToOrganizationId == orgId) && r.RequestedAt >= lo && r.RequestedAt < hi)
            .Select(r => new { r.FromOrganizationId, r.ToOrganizationId, r.Direction, r.Status, r.RequestedAt, r.AcceptedAt, r.ArrivedAt })
            .ToListAsync(ct);
        ReferralSideStats Side(Func<long, long, bool> mine)
        {
            var set = rows.Where(r => mine(r.FromOrganizationId, r.ToOrganizationId)).ToList();
            var accept = set.Select(r => ReferralRules.MinutesToAccept(r.RequestedAt, r.AcceptedAt)).OfType<int>().ToList();
            var arrive = set.Select(r => ReferralRules.MinutesToArrive(r.RequestedAt, r.ArrivedAt)).OfType<int>().ToList();
            var accepted = set.Count(r => r.AcceptedAt is not null);
            var rejected = set.Count(r => r.Status == ReferralStatus.Rejected);
            return new ReferralSideStats(set.Count, set.Count(r => r.Direction == ReferralDirection.Up), set.Count(r => r.Direction == ReferralDirection.Down),
                Enum.GetValues<ReferralStatus>().ToDictionary(ReferralRules.StatusCode, s => set.Count(r => r.Status == s)),
                accepted, rejected, set.Count(r => r.Status == ReferralStatus.Withdrawn), set.Count(r => ReferralRules.IsWaiting(r.Status)),
                accepted + rejected == 0 ? null : Math.Round((decimal)accepted / (accepted + rejected), 4),
                accept.Count == 0 ? null : Math.Round(accept.Average(), 1), Median(accept),
                arrive.Count == 0 ? null : Math.Round(arrive.Average(), 1), Median(arrive));
        }
        return new ReferralStatsDto(org!.Id, org.Name, start, end, Side((f, _) => f == orgId), Side((_, t) => t == orgId));
    }

    private static double? Median(List<int> values)
    {
        if (values.Count == 0) return null;
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
    }

    /// <summary>Organizations a referral can be addressed to (all but the user's own).</summary>
    public async Task<IReadOnlyList<OrganizationOption>> TargetsAsync(CancellationToken ct)
    {
        RequireStaff();
        var own = user.OrganizationId;
        return await db.Organizations.AsNoTracking().Where(o => o.Id != own).OrderBy(o => o.Kind).ThenBy(o => o.Name)
            .Select(o => new OrganizationOption(o.Id, o.Name, o.Kind == OrganizationKind.Medical ? "medical" : o.Kind == OrganizationKind.ElderlyCare ? "elderly-care" : "integrated",
                o.MedicalType)).ToListAsync(ct);
    }
}
