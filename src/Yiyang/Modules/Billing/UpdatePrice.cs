namespace Yiyang.Modules.Billing;

/// <summary>Changes a catalog item's name, unit, price or active flag (If-Match or version); its code never changes.</summary>
public sealed class UpdatePrice(YiyangDb db, BillingAccess access, AuditTrail audit, TimeProvider clock, BillingSettingsCache settingsCache)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/prices/{id:long}", async Task<Ok<PriceItemDto>> (long id, PriceItemInput input, IfMatch ifMatch, UpdatePrice handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .RequireAuthorization(BillingPolicies.Write)
            .ProducesProblems(400, 404, 409, 412)
            .WithSummary("修改收费项目名称、单位、价格（元）或启用状态（须 If-Match 或 version）");

    public async Task<PriceItemDto> HandleAsync(long id, PriceItemInput input, int? ifMatch, CancellationToken ct)
    {
        access.DemandWriter();
        var item = await db.Set<BillingPriceItem>().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("未找到该收费项目。");
        if (access.IsStaff && item.OrganizationId != access.OwnOrganizationId) throw new NotFoundException("未找到该收费项目。");
        var (_, name, unit, price) = PriceForm.Validate(input, requireCode: false);
        if (!string.IsNullOrWhiteSpace(input.Code) && input.Code.Trim() != item.Code)
            throw ValidationFailedException.For("code", "项目编码不能修改；请停用原项目并新建。");
        Etags.CheckVersion(item.Version, ifMatch, input.Version);
        item.Name = name;
        item.Unit = unit;
        item.PriceYuan = price;
        item.Active = input.Active ?? item.Active;
        item.UpdatedAt = clock.GetUtcNow();
        item.Version++;
        await db.SaveOrConflictAsync(ct);
        settingsCache.Invalidate(item.OrganizationId);
        await audit.RecordAsync("billing.price.update", "price-item", item.Id.ToString(), null, $"price={price:0.00};active={item.Active}");
        return PriceForm.ToDto(item);
    }
}
