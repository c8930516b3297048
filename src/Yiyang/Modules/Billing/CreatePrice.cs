namespace Yiyang.Modules.Billing;

/// <summary>新增收费项目: a code unique in the institution's catalog (409), a name, a unit and a price in yuan.</summary>
public sealed class CreatePrice(YiyangDb db, BillingAccess access, AuditTrail audit, TimeProvider clock, BillingSettingsCache settingsCache)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/prices", async Task<Created<PriceItemDto>> (PriceItemInput input, CreatePrice handler, CancellationToken ct) =>
            {
                var p = await handler.HandleAsync(input, ct);
                return TypedResults.Created($"/api/billing/prices/{p.Id}", p);
            })
            .RequireAuthorization(BillingPolicies.Write)
            .ProducesProblems(400, 403, 409)
            .WithSummary("新增收费项目：code（机构内唯一，409）、name、unit（默认“次”）、price（元，0–100000，两位小数）、active");

    private static ConflictException CodeExists() => new("price-code-exists", "本机构收费目录中已有该项目编码，请修改原项目。");

    public async Task<PriceItemDto> HandleAsync(PriceItemInput input, CancellationToken ct)
    {
        access.DemandWriter();
        var (code, name, unit, price) = PriceForm.Validate(input, requireCode: true);
        var org = await access.OrganizationAsync(input.OrganizationId, ct);
        if (await db.Set<BillingPriceItem>().AnyAsync(p => p.OrganizationId == org.Id && p.Code == code, ct)) throw CodeExists();
        var now = clock.GetUtcNow();
        var item = new BillingPriceItem
        {
            OrganizationId = org.Id,
            Code = code,
            Name = name,
            Unit = unit,
            PriceYuan = price,
            Active = input.Active ?? true,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(item);
        await db.SaveOrConflictAsync(ct, onDuplicate: CodeExists);
        settingsCache.Invalidate(org.Id);
        await audit.RecordAsync("billing.price.create", "price-item", item.Id.ToString(), null, $"org={org.Id};code={code};price={price:0.00}");
        return PriceForm.ToDto(item);
    }
}
