using System.Globalization;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Emergency;

public sealed record NotifyContactInput(int? ContactIndex, bool? Received, bool? Dispatched, bool? Resolved);

public sealed record NotifySettingsInput(List<NotifyContactInput?>? Contacts);

/// <summary>One contact of the elder's record (masked) and the notices they get.</summary>
public sealed record NotifyContactDto(int ContactIndex, string Relation, string? NameMasked, string? PhoneMasked, bool Received, bool Dispatched, bool Resolved);

public sealed record NotifySettingsDto(long ElderId, IReadOnlyList<NotifyContactDto> Contacts, string? SetBy, DateTimeOffset? SetAt);

/// <summary>
/// 家属通知设置: which contacts of the elder's record get which of the three notices (none until configured). Read and set by
/// the elder's responsible organization and the call centre, within the elder's scope (out of scope: 404); both audited.
/// </summary>
public sealed class NotifySettings(YiyangDb db, PiiProtector pii, TimeProvider clock, AuditTrail audit, EmergencyAccess access)
{
    public const int MaxContacts = 20;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/emergency/notify-settings/{elderId:long}", async Task<Ok<NotifySettingsDto>> (long elderId, NotifySettings handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.GetAsync(elderId, ct)))
            .ProducesProblems(403, 404)
            .WithSummary("老年人的家属通知设置：每位联系人接收哪些通知（已收到报警 / 救助人员已出发 / 已处置），电话已脱敏");
        api.MapPut("/emergency/notify-settings/{elderId:long}", async Task<Ok<NotifySettingsDto>> (long elderId, NotifySettingsInput? input,
                NotifySettings handler, CancellationToken ct) => TypedResults.Ok(await handler.SetAsync(elderId, input, ct)))
            .ProducesProblems(400, 403, 404, 409)
            .WithSummary("设置家属通知（整体替换；未列出的联系人不接收通知；contactIndex 为老年人档案中联系人的序号，从 0 起）");
    }

    public async Task<NotifySettingsDto> GetAsync(long elderId, CancellationToken ct, bool audited = true)
    {
        access.User.Demand(EmergencyPolicies.ManageDevices);
        var elder = await ElderScope.Apply(db.Elders.AsNoTracking(), access.User).FirstOrDefaultAsync(e => e.Id == elderId, ct)
            ?? throw new NotFoundException("未找到该老年人，或您无权查看。");
        if (audited) await audit.RecordAsync("emergency.notify-settings.read", "elder", elder.Id.ToString(CultureInfo.InvariantCulture), elder.Id, wait: false);
        return await DtoAsync(elder, ct);
    }

    public async Task<NotifySettingsDto> SetAsync(long elderId, NotifySettingsInput? input, CancellationToken ct)
    {
        access.User.Demand(EmergencyPolicies.ManageDevices);
        var elder = await access.WritableElderAsync(elderId, ct);
        var contacts = Contacts(elder);
        var wanted = Validate(input, contacts.Count);
        var rows = await db.Set<EmergencyNotifySetting>().Where(s => s.ElderId == elder.Id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var row in rows.Where(r => !wanted.ContainsKey(r.ContactIndex))) db.Remove(row);
        foreach (var (index, w) in wanted)
        {
            var row = rows.FirstOrDefault(r => r.ContactIndex == index);
            if (row is null)
            {
                row = new EmergencyNotifySetting { ElderId = elder.Id, ContactIndex = index, CountyCode = elder.CountyCode, SetBy = access.Actor };
                db.Add(row);
            }
            (row.Received, row.Dispatched, row.Resolved, row.SetBy, row.SetAt) = (w.Received ?? false, w.Dispatched ?? false, w.Resolved ?? false, access.Actor, now);
        }
        db.TimelineEvents.Add(TimelineEvent.Create(elder.Id, now, "emergency.notify-settings.set", EmergencyAccess.Module,
            $"设置家属通知：{wanted.Count} 位联系人接收通知", access.Actor));
        await db.SaveOrConflictAsync(ct, onDuplicate: () => new ConflictException("concurrency", "通知设置刚被他人修改，请刷新后再试。"));
        await audit.RecordAsync("emergency.notify-settings.set", "elder", elder.Id.ToString(CultureInfo.InvariantCulture), elder.Id,
            $"contacts={string.Join(',', wanted.Keys.Order())}");
        return await DtoAsync(elder, ct);
    }

    /// <summary>Checks the input against the elder's contacts; only contacts with at least one notice are kept.</summary>
    private static Dictionary<int, NotifyContactInput> Validate(NotifySettingsInput? input, int contactCount)
    {
        if (input?.Contacts is null) throw ValidationFailedException.For("contacts", "请提交联系人通知设置（contacts，可为空列表）。");
        if (input.Contacts.Count > MaxContacts) throw ValidationFailedException.For("contacts", $"联系人设置不能超过 {MaxContacts} 项。");
        var errors = new Dictionary<string, string[]>();
        var wanted = new Dictionary<int, NotifyContactInput>();
        for (var i = 0; i < input.Contacts.Count; i++)
        {
            var c = input.Contacts[i];
            var field = $"contacts[{i}].contactIndex";
            if (c?.ContactIndex is not { } index) errors[field] = ["请填写联系人序号。"];
            else if (index < 0 || index >= contactCount)
                errors[field] = [contactCount == 0 ? "该老年人档案中没有联系人，请先在档案中添加。" : $"联系人序号须在 0 到 {contactCount - 1} 之间。"];
            else if (wanted.ContainsKey(index) || input.Contacts.Take(i).Any(p => p?.ContactIndex == index)) errors[field] = ["同一联系人只能设置一次。"];
            else if (c.Received == true || c.Dispatched == true || c.Resolved == true) wanted[index] = c;
        }
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        return wanted;
    }

    private List<ContactInput> Contacts(Elder e) => e.ContactsCipher is null ? [] : ElderRecord.ReadContacts(e.ContactsCipher, pii);

    private async Task<NotifySettingsDto> DtoAsync(Elder elder, CancellationToken ct)
    {
        var rows = await db.Set<EmergencyNotifySetting>().AsNoTracking().Where(s => s.ElderId == elder.Id).ToListAsync(ct);
        var contacts = Contacts(elder);
        var list = contacts.Select((c, i) =>
        {
            var r = rows.FirstOrDefault(x => x.ContactIndex == i);
            return new NotifyContactDto(i, string.IsNullOrWhiteSpace(c.Relation) ? "联系人" : c.Relation.Trim(),
                string.IsNullOrWhiteSpace(c.Name) ? null : Masking.Name(c.Name), string.IsNullOrWhiteSpace(c.Phone) ? null : Masking.Phone(c.Phone),
                r?.Received ?? false, r?.Dispatched ?? false, r?.Resolved ?? false);
        }).ToList();
        var last = rows.MaxBy(r => r.SetAt);
        return new NotifySettingsDto(elder.Id, list, last?.SetBy, last?.SetAt);
    }
}
