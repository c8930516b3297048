namespace Yiyang.Modules.Elders;

/// <summary>查看完整个人信息: one personal field in clear, with a reason; on the timeline and in the audit log (denials too).</summary>
public sealed class RevealPersonalField(YiyangDb db, CurrentUser user, ElderAccess access, PiiProtector pii, AuditTrail audit,
    IEnumerable<IContactRevealGuard> guards)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/reveal", async Task<Ok<RevealResult>> (long id, RevealRequest request, RevealPersonalField handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, request, ct)))
            .ProducesProblems(400, 403, 404)
            .WithSummary("查看完整个人信息（需填写原因，记入审计）");

    public async Task<RevealResult> HandleAsync(long id, RevealRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var field = (request.Field ?? "").Trim();
        if (field is not ("idNumber" or "phone" or "address" or "contacts" or "healthCardNo"))
            errors.Add("field", "只能查看身份证号（idNumber）、电话（phone）、地址（address）、联系人（contacts）或居民健康卡号（healthCardNo）。");
        // a reason is free text: whatever in it looks like an ID or phone number is masked before it is stored
        var reason = Masking.Scrub((request.Reason ?? "").Trim());
        if (reason.Length < 2) errors.Add("reason", "请填写查看原因（至少 2 个字）。");
        else if (reason.Length > 200) errors.Add("reason", "查看原因最多 200 个字。");
        errors.ThrowIfAny();

        var e = await ElderScope.Apply(db.Elders.AsNoTracking(), user).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw ElderAccess.NotFound();
        if (!Policies.MayReveal(user.Role, field))
        {
            await audit.RecordRefusalAsync("elder.reveal.denied", "elder", e.Id.ToString(), e.Id, $"field={field}");
            throw new ForbiddenException("您的角色不能查看该项完整信息。");
        }
        foreach (var guard in guards)
        {
            if (await guard.RefusalAsync(e, field, ct) is not { } refusal) continue;
            await audit.RecordRefusalAsync("elder.reveal.held", "elder", e.Id.ToString(), e.Id, $"field={field}");
            throw new ForbiddenException(refusal);
        }
        var fieldName = field switch { "idNumber" => "身份证号", "phone" => "电话", "address" => "地址", "healthCardNo" => "居民健康卡号", _ => "联系人" };
        db.TimelineEvents.Add(access.Event(e.Id, "elder.revealed", $"查看完整{fieldName}，原因：{reason}"));
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("elder.reveal", "elder", e.Id.ToString(), e.Id, $"field={field}; reason={reason}");
        return field switch
        {
            "idNumber" => new RevealResult(field, pii.Decrypt(e.IdNumberCipher), null),
            "phone" => new RevealResult(field, pii.DecryptOrNull(e.PhoneCipher), null),
            "address" => new RevealResult(field, pii.DecryptOrNull(e.AddressCipher), null),
            "healthCardNo" => new RevealResult(field, e.HealthCard(pii), null),
            _ => new RevealResult(field, null, e.ContactsCipher is null ? [] :
                access.ReadContacts(e.ContactsCipher).Select(c => new ContactView(c.Name ?? "", c.Relation, c.Phone)).ToList()),
        };
    }
}
