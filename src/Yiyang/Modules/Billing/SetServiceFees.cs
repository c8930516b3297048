namespace Yiyang.Modules.Billing;

/// <summary>
/// Replaces the institution's distance bands and who pays the fee. Bands are contiguous from 0 km and never overlap
/// (400 per field otherwise); an existing setting needs its version (If-Match or body).
/// </summary>
public sealed class SetServiceFees(
    YiyangDb db, BillingAccess access, GetServiceFees getServiceFees, AuditTrail audit, TimeProvider clock, BillingSettingsCache settingsCache)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/service-fees", async Task<Ok<ServiceFeeDto>> (ServiceFeeInput input, IfMatch ifMatch, SetServiceFees handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(input, ifMatch.Version, ct)))
            .RequireAuthorization(BillingPolicies.Write)
            .ProducesProblems(400, 403, 409, 412)
            .WithSummary("设置上门服务费：bands 从 0 公里起连续、不重叠；payer 为 elder（个人自付）或 family-doctor（家庭医生签约服务包）");

    public async Task<ServiceFeeDto> HandleAsync(ServiceFeeInput input, int? ifMatch, CancellationToken ct)
    {
        access.DemandWriter();
        var (errors, bands) = BillingRules.ValidateBands(input.Bands);
        var payer = Payers.ParseServiceFeePayer(input.Payer ?? Payers.Elder);
        if (payer is null) errors.Add("payer", "上门服务费的支付方只能是个人自付（elder）或家庭医生签约服务包（family-doctor）。");
        errors.ThrowIfAny();
        var org = await access.OrganizationAsync(input.OrganizationId, ct);
        var now = clock.GetUtcNow();
        await using var tx = await db.BeginUseCaseTransactionAsync(ct);
        var setting = await db.Set<BillingServiceFeeSetting>().FirstOrDefaultAsync(s => s.OrganizationId == org.Id, ct);
        if (setting is null)
        {
            setting = new BillingServiceFeeSetting { OrganizationId = org.Id, Payer = payer!, UpdatedAt = now };
            db.Add(setting);
        }
        else
        {
            Etags.CheckVersion(setting.Version, ifMatch, input.Version);
            setting.Payer = payer!;
            setting.UpdatedAt = now;
            setting.Version++;
        }
        await db.Set<BillingServiceFeeBand>().Where(b => b.OrganizationId == org.Id).ExecuteDeleteAsync(ct);
        db.AddRange(bands.Select(b => new BillingServiceFeeBand { OrganizationId = org.Id, FromKm = b.FromKm, ToKm = b.ToKm, FeeYuan = b.Fee }));
        var changedByOthers = () => new ConflictException("concurrency", "上门服务费设置已被他人修改，请刷新后再试。");
        await db.SaveOrConflictAsync(ct, onDuplicate: changedByOthers, onConcurrency: changedByOthers);
        await tx.CommitAsync(ct);
        settingsCache.Invalidate(org.Id);
        await audit.RecordAsync("billing.service-fee.update", "organization", org.Id.ToString(), null, $"payer={payer};bands={bands.Count}");
        return await getServiceFees.ForOrganizationAsync(org.Id, ct);
    }
}
