namespace Yiyang.Modules.Elders;

/// <summary>修改档案: an elder's record is changed (If-Match or the body's version), the changed fields on the timeline.</summary>
public sealed class UpdateElder(YiyangDb db, CurrentUser user, ElderAccess access, PiiProtector pii, RegionCatalog regions,
    AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/{id:long}", async Task<Ok<ElderDetail>> (long id, ElderInput input, IfMatch ifMatch, UpdateElder handler, GetElder details, CancellationToken ct) =>
            {
                await handler.HandleAsync(id, input, ifMatch.Version, ct);
                return TypedResults.Ok(await details.HandleAsync(id, ct));
            })
            .RequireAuthorization(ElderPolicies.Write)
            .ProducesProblems(400, 404, 409, 412);

    /// <summary>
    /// The edit page never shows personal fields in clear, so an empty phone, address, 居民健康卡号 or contact list there
    /// means "keep what is stored".
    /// </summary>
    public Task<Elder> KeepingHiddenFieldsAsync(long id, ElderInput input, CancellationToken ct) =>
        HandleAsync(id, input, null, ct, keepMissingPersonalFields: true);

    public async Task<Elder> HandleAsync(long id, ElderInput input, int? ifMatchVersion, CancellationToken ct,
        bool keepMissingPersonalFields = false)
    {
        user.Demand(ElderPolicies.Write);
        var elder = await access.LoadInScopeAsync(id, ct);
        Etags.CheckVersion(elder.Version, ifMatchVersion, input.Version);

        var today = clock.ChinaToday();
        var v = ElderValidation.Validate(input, regions, today, idRequired: false);
        if (v.Id is null && elder.BirthDate.AddYears(80) <= today) v = v with { Flags = v.Flags | RiskFlags.OldestOld };
        if (keepMissingPersonalFields)
        {
            v = v with
            {
                Phone = v.Phone ?? pii.DecryptOrNull(elder.PhoneCipher),
                Address = v.Address ?? pii.DecryptOrNull(elder.AddressCipher),
                HealthCardNo = v.HealthCardNo ?? elder.HealthCard(pii),
                Contacts = v.Contacts.Count > 0 || elder.ContactsCipher is null ? v.Contacts : access.ReadContacts(elder.ContactsCipher),
            };
        }
        var orgId = await access.ResolveOrganizationAsync(v.ResponsibleOrganizationId, ct);
        if (v.Id is not null) await ChangeIdNumberAsync(elder, v.Id.Normalized, ct);
        var changed = Describe(elder, v, orgId);
        ElderRecord.Fill(elder, v, orgId, pii);
        elder.UpdatedAt = clock.GetUtcNow();
        elder.Version++;
        db.TimelineEvents.Add(access.Event(elder.Id, "elder.edited", changed.Count == 0 ? "修改档案（无实质变化）" : "修改档案：" + string.Join("、", changed)));
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("elder.update", "elder", elder.Id.ToString(), elder.Id, changed.Count == 0 ? null : "fields=" + string.Join(",", changed));
        return elder;
    }

    /// <summary>A new ID number must not be another elder's (409, with that elder's id when in scope).</summary>
    private async Task ChangeIdNumberAsync(Elder elder, string normalized, CancellationToken ct)
    {
        var hash = access.IdHash(normalized);
        if (hash.AsSpan().SequenceEqual(elder.IdNumberHash)) return;
        var other = await db.Elders.AsNoTracking().Where(e => e.IdNumberHash == hash && e.Id != elder.Id).Select(e => (long?)e.Id).FirstOrDefaultAsync(ct);
        if (other is { } otherId) throw await access.DuplicateAsync(otherId, ct);
        elder.IdNumberHash = hash;
    }

    private List<string> Describe(Elder e, ValidElder v, long? orgId)
    {
        var changed = new List<string>();
        if (e.Name != v.Name) changed.Add("姓名");
        if (v.Id is not null && pii.Decrypt(e.IdNumberCipher) != v.Id.Normalized) changed.Add("身份证号");
        if (pii.DecryptOrNull(e.PhoneCipher) != v.Phone) changed.Add("电话");
        if (pii.DecryptOrNull(e.AddressCipher) != v.Address) changed.Add("地址");
        if (e.TownshipCode != v.TownshipCode) changed.Add("乡镇（街道）");
        if (e.InsuranceType != v.InsuranceType) changed.Add("医保类型");
        if (e.HealthCard(pii) != v.HealthCardNo) changed.Add("居民健康卡");
        if (e.Flags != v.Flags) changed.Add("风险标识");
        if (e.ResponsibleOrganizationId != orgId) changed.Add("责任机构");
        if (e.ContactCount != v.Contacts.Count || (e.ContactsCipher is not null && pii.Decrypt(e.ContactsCipher) != ElderRecord.ContactsJson(v.Contacts)))
            changed.Add("联系人");
        return changed;
    }
}
