namespace Yiyang.Modules.Supervision;

public sealed record CertificateInput(string? CertificateNo, DateOnly? ValidFrom, DateOnly? ValidUntil, int? Version);

/// <summary>
/// 登记执法证: the bureau's regulator records an inspector's certificate number and validity. The first time creates it;
/// a change needs the version (If-Match, 412 when stale). A certificate number belongs to one inspector (409).
/// </summary>
public sealed class SetInspectorCertificate(YiyangDb db, InspectorAccess access, TimeProvider clock, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/{id:long}/certificate", async Task<Ok<InspectorDto>> (long id, CertificateInput input, IfMatch ifMatch,
                SetInspectorCertificate handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("登记或更正监督员的执法证号和有效期（本部门监管人员）；更正须带版本（If-Match）");

    public async Task<InspectorDto> HandleAsync(long id, CertificateInput input, int? ifMatch, CancellationToken ct)
    {
        var inspector = await access.LoadAsync(id, ct);
        var number = (input.CertificateNo ?? "").Trim();
        var errors = new FieldErrors();
        if (!System.Text.RegularExpressions.Regex.IsMatch(number, "^[0-9A-Za-z-]{4,32}$")) errors.Add("certificateNo", "执法证号为 4–32 位字母、数字或横线。");
        if (input.ValidFrom is null) errors.Add("validFrom", "请填写有效期起始日。");
        if (input.ValidUntil is null) errors.Add("validUntil", "请填写有效期截止日。");
        else if (input.ValidFrom is { } f && input.ValidUntil < f) errors.Add("validUntil", "有效期截止日不能早于起始日。");
        errors.ThrowIfAny();

        var c = await db.Set<InspectorCertificate>().FirstOrDefaultAsync(x => x.UserId == id, ct);
        if (c is null)
        {
            c = new InspectorCertificate { UserId = id, CertificateNo = number, Bureau = inspector.Bureau ?? "", RegionCode = inspector.RegionCode ?? "", UpdatedByUser = access.Actor };
            db.Add(c);
        }
        else Etags.CheckVersion(c.Version, ifMatch, input.Version);
        c.CertificateNo = number;
        c.ValidFrom = input.ValidFrom!.Value;
        c.ValidUntil = input.ValidUntil!.Value;
        c.Bureau = inspector.Bureau ?? "";
        c.RegionCode = inspector.RegionCode ?? "";
        c.UpdatedByUser = access.Actor;
        c.UpdatedAt = clock.GetUtcNow();
        c.Version++;
        await db.SaveOrConflictAsync(ct, onDuplicate: () => new ConflictException("certificate-exists", "该执法证号已登记给其他监督员。"));
        await audit.RecordAsync("supervision.inspector.certificate", "inspector", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            detail: $"validUntil={c.ValidUntil:yyyy-MM-dd}; version={c.Version}");
        return (await access.ToDtosAsync([inspector], ct))[0];
    }
}
