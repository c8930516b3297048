using Yiyang.Modules.Elders;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Referrals;

/// <summary>A new referral. Up: the 转出单 fields; down: the 回转单 fields. Staff send from their own organization.</summary>
public sealed record ReferralInput(
    string? Direction, long? ElderId, long? FromOrganizationId, long? ToOrganizationId, string? ToDepartment, string? Destination,
    string? Indication, string? Reason, string? Urgency,
    string? InitialImpression, string? PresentHistory, string? PastHistory, string? TreatmentSoFar,
    string? Diagnosis, string? InpatientNo, string? MainResults, string? TreatmentCourse, string? NextStepAdvice,
    string? ReferringDoctor);

/// <summary>
/// 发起转诊: staff send a referral of an elder in their scope (or a resident of their care institution) from their own
/// organization (the city operator names it); an up-referral goes to a medical or integrated organization.
/// </summary>
public sealed class CreateReferral(YiyangDb db, CurrentUser user, TimeProvider clock, AuditTrail audit, ReferralAccess access, GetReferral reader)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/", async Task<Created<ReferralDto>> (ReferralInput input, CreateReferral handler, CancellationToken ct) =>
            {
                var r = await handler.HandleAsync(input, ct);
                return TypedResults.Created($"/api/referrals/{r.Id}", r);
            })
            .ProducesProblems(400, 403, 404)
            .WithSummary("发起转诊：direction up 上转（转出单：initialImpression 初步印象、presentHistory 主要现病史必填）/ down 下转（回转单：diagnosis、nextStepAdvice 必填，destination community/care-home/family-sickbed）");

    /// <summary>The validated form: the direction decides which of the 转出单 / 回转单 fields are kept.</summary>
    private sealed record Form(
        ReferralDirection Direction, long FromId, long ToId, string? Department, string? Destination, ReferralRules.Indication Indication,
        string Reason, ReferralUrgency Urgency, string? Doctor, string? Impression, string? Present, string? Past, string? Treatment,
        string? Diagnosis, string? Inpatient, string? Results, string? Course, string? Advice);

    public async Task<ReferralDto> HandleAsync(ReferralInput input, CancellationToken ct)
    {
        access.DemandStaff();
        var form = Validate(input);
        var from = await OrgAsync(form.FromId, "fromOrganizationId", "转出机构不存在。", ct);
        var to = await OrgAsync(form.ToId, "toOrganizationId", "接收机构不存在。", ct);
        if (form.Direction == ReferralDirection.Up && to.Kind == OrganizationKind.ElderlyCare)
            throw ValidationFailedException.For("toOrganizationId", "上转的接收机构应为医疗卫生机构或医养结合机构。");
        var elder = await ElderAsync(input.ElderId, from.Id, ct);

        var now = clock.GetUtcNow();
        var r = Build(form, elder, now);
        db.Add(r);
        db.TimelineEvents.Add(TimelineEvent.Create(elder.Id, now, "referrals.requested", ReferralAccess.Module,
            $"{ReferralRules.DirectionName(r.Direction)}申请（{ReferralRules.UrgencyName(r.Urgency)}）：{from.Name} → {to.Name}{(form.Department is null ? "" : "·" + form.Department)}，指征：{form.Indication.Name}", access.Actor));
        await access.SaveAsync(ct);
        await audit.RecordAsync("referrals.create", "referral", r.Id.ToString(), elder.Id, ReferralRules.DirectionCode(r.Direction));
        return await reader.HandleAsync(r.Id, ct, audited: false);
    }

    private Form Validate(ReferralInput input)
    {
        var errors = new FieldErrors();
        var direction = ReferralRules.ParseDirection(input.Direction);
        if (direction is null) errors.Add("direction", "转诊方向只能是上转（up）或下转（down）。");
        if (input.ElderId is null) errors.Add("elderId", "请选择转诊的老年人。");
        if (input.ToOrganizationId is null) errors.Add("toOrganizationId", "请选择接收机构。");
        var fromId = SendingOrganization(input, errors);
        var indication = ReferralRules.FindIndication(input.Indication);
        if (indication is null) errors.Add("indication", "请选择转诊指征。");
        else if (direction is { } d0 && indication.Direction != d0)
            errors.Add("indication", $"“{indication.Name}”不是{ReferralRules.DirectionName(d0)}的指征。");
        var reason = ReferralFields.Text(errors, "reason", "转诊原因", input.Reason, true, 500);
        var urgency = ReferralRules.ParseUrgency(input.Urgency);
        if (urgency is null) errors.Add("urgency", ReferralFields.UrgencyMessage);
        var department = ReferralFields.Text(errors, "toDepartment", "接收科室", input.ToDepartment, false, 50);
        var doctor = ReferralFields.Text(errors, "referringDoctor", "转诊医生", input.ReferringDoctor, false, 64);
        string? destination = null;
        var up = direction == ReferralDirection.Up;
        var down = !up && direction is not null;
        if (direction == ReferralDirection.Down)
        {
            destination = ReferralFields.Clean(input.Destination);
            if (ReferralRules.DestinationName(destination) is null) errors.Add("destination", ReferralFields.DestinationMessage);
        }
        var impression = ReferralFields.Text(errors, "initialImpression", "初步印象", input.InitialImpression, up);
        var present = ReferralFields.Text(errors, "presentHistory", "主要现病史", input.PresentHistory, up);
        var past = ReferralFields.Text(errors, "pastHistory", "主要既往史", input.PastHistory, false);
        var treatment = ReferralFields.Text(errors, "treatmentSoFar", "治疗经过", input.TreatmentSoFar, false);
        var diagnosis = ReferralFields.Text(errors, "diagnosis", "诊断结果", input.Diagnosis, down);
        var inpatient = ReferralFields.Text(errors, "inpatientNo", "住院病案号", input.InpatientNo, false, 32);
        var results = ReferralFields.Text(errors, "mainResults", "主要检查结果", input.MainResults, false);
        var course = ReferralFields.Text(errors, "treatmentCourse", "治疗经过", input.TreatmentCourse, false);
        var advice = ReferralFields.Text(errors, "nextStepAdvice", "下一步治疗方案及康复建议", input.NextStepAdvice, down);
        errors.ThrowIfAny();
        return new Form(direction!.Value, fromId!.Value, input.ToOrganizationId!.Value, department, destination, indication!, reason!, urgency!.Value,
            doctor, impression, present, past, treatment, diagnosis, inpatient, results, course, advice);
    }

    /// <summary>Staff send from their own organization; the city operator names the sender.</summary>
    private long? SendingOrganization(ReferralInput input, FieldErrors errors)
    {
        var anyOrganization = access.SeesAll;
        long? fromId = anyOrganization ? input.FromOrganizationId : user.OrganizationId;
        if (fromId is null) errors.Add("fromOrganizationId", "请选择转出机构。");
        else if (!anyOrganization && input.FromOrganizationId is { } given && given != fromId)
            errors.Add("fromOrganizationId", "只能从本机构发起转诊。");
        if (fromId is not null && fromId == input.ToOrganizationId) errors.Add("toOrganizationId", "接收机构不能是转出机构本身。");
        return fromId;
    }

    private async Task<Organization> OrgAsync(long id, string field, string message, CancellationToken ct) =>
        await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw ValidationFailedException.For(field, message);

    /// <summary>
    /// The sender must have the elder in its scope (staff: elders their organization is responsible for), or the elder
    /// lives in the sending care institution (an open stay there).
    /// </summary>
    private async Task<Elder> ElderAsync(long? elderId, long senderId, CancellationToken ct) =>
        await ElderScope.Apply(db.Elders.AsNoTracking(), user).FirstOrDefaultAsync(e => e.Id == elderId, ct)
        ?? await (from e in db.Elders.AsNoTracking()
                  join s in db.Set<Institutions.InstitutionStay>().AsNoTracking() on e.Id equals s.ElderId
                  where e.Id == elderId && s.OrganizationId == senderId && s.DischargedOn == null
                  select e).FirstOrDefaultAsync(ct)
        ?? throw new NotFoundException("未找到该老年人，或您无权查看。");

    private Referral Build(Form f, Elder elder, DateTimeOffset now)
    {
        var up = f.Direction == ReferralDirection.Up;
        return new Referral
        {
            Direction = f.Direction,
            Status = ReferralStatus.Requested,
            ElderId = elder.Id,
            FromOrganizationId = f.FromId,
            ToOrganizationId = f.ToId,
            ToDepartment = f.Department,
            Destination = f.Destination,
            Indication = f.Indication.Code,
            Reason = f.Reason,
            Urgency = f.Urgency,
            InitialImpression = up ? f.Impression : null,
            PresentHistory = up ? f.Present : null,
            PastHistory = up ? f.Past : null,
            TreatmentSoFar = up ? f.Treatment : null,
            Diagnosis = up ? null : f.Diagnosis,
            InpatientNo = up ? null : f.Inpatient,
            MainResults = up ? null : f.Results,
            TreatmentCourse = up ? null : f.Course,
            NextStepAdvice = up ? null : f.Advice,
            ReferringDoctor = f.Doctor ?? access.Actor,
            RequestedAt = now,
            UpdatedAt = now,
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            CreatedByUser = access.Actor,
        };
    }
}
