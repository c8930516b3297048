using Microsoft.EntityFrameworkCore;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Organizations;
using Yiyang.Platform.Audit;
using Yiyang.Platform.Data;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.Billing;

/// <summary>
/// Prices and charges (issue 3, must-have 4): the price catalog and the 上门服务费 of each medical institution, monthly
/// statements per elder and per payer, and the institution's elder-care income on its own books (单独核算). Institution
/// staff work on their own organization; regulators read their region; the platform admin all.
/// </summary>
public sealed class BillingService(YiyangDb db, CurrentUser user, AuditTrail audit, TimeProvider clock, BillingSettingsCache settingsCache)
{
    private static ValidationFailedException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });

    private bool IsStaff => Roles.InstitutionStaff.Contains(user.Role);

    private void RequireWriter()
    {
        if (!Policies.Map[Policies.BillingWrite].Contains(user.Role)) throw new ForbiddenException();
    }

    /// <summary>The organization a catalog request is about: staff their own; others must name a medical or integrated one.</summary>
    private async Task<Organization> OrganizationAsync(long? requested, CancellationToken ct)
    {
        long id;
        if (IsStaff)
        {
            if (user.OrganizationId is not { } own) throw new ForbiddenException("您的账号未关联机构。");
            if (requested is { } r && r != own) throw new NotFoundException("未找到该机构。");
            id = own;
        }
        else id = requested ?? throw Invalid("organizationId", "请选择医疗卫生机构。");
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct)
                  ?? throw Invalid("organizationId", "机构不存在。");
        if (user.Role == Roles.Regulator && (string.IsNullOrEmpty(user.RegionCode) || !org.TownshipCode.StartsWith(user.RegionCode, StringComparison.Ordinal)))
            throw new NotFoundException("未找到该机构。");
        if (org.Kind == OrganizationKind.ElderlyCare)
            throw Invalid("organizationId", "收费目录和上门服务费只属于医疗卫生机构或医养结合机构。");
        return org;
    }

    // ---------------------------------------------------------------- price catalog

    private static PriceItemDto ToDto(BillingPriceItem p) =>
        new(p.Id, p.OrganizationId, p.Code, p.Name, p.Unit, p.PriceYuan, "元/" + p.Unit, p.Active, p.Version);

    public async Task<IReadOnlyList<PriceItemDto>> ListPricesAsync(long? organizationId, bool activeOnly, CancellationToken ct)
    {
        var org = await OrganizationAsync(organizationId, ct);
        var q = db.Set<BillingPriceItem>().AsNoTracking().Where(p => p.OrganizationId == org.Id);
        if (activeOnly) q = q.Where(p => p.Active);
        return (await q.OrderBy(p => p.Code).Take(2000).ToListAsync(ct)).Select(ToDto).ToList();
    }

    private static (string Code, string Name, string Unit, decimal Price) ValidatePrice(PriceItemInput input, bool requireCode)
    {
        var errors = new FieldErrors();
        var code = (input.Code ?? "").Trim();
        if (requireCode)
        {
            if (code.Length is 0 or > 32 || code.Any(c => c < 0x21 || c > 0x7e)) errors.Add("code", "请填写项目编码（最多 32 位字母、数字或符号）。");
            else if (string.Equals(code, BillingRules.ServiceFeeCode, StringComparison.OrdinalIgnoreCase))
                errors.Add("code", $"{BillingRules.ServiceFeeCode} 是上门服务费的保留编码，请换一个编码。");
        }
        var name = (input.Name ?? "").Trim();
        if (name.Length is 0 or > 50) errors.Add("name", "请填写项目名称（最多 50 个字）。");
        var unit = string.IsNullOrWhiteSpace(input.Unit) ? "次" : input.Unit.Trim();
        if (unit.Length > 16) errors.Add("unit", "计价单位最多 16 个字（如：次、项、小时）。");
        if (input.Price is not { } price) errors.Add("price", "请填写价格（元）。");
        else if (price < 0 || price > BillingRules.MaxPrice || !BillingRules.HasAtMostTwoDecimals(price))
            errors.Add("price", $"价格应为 0 至 {BillingRules.MaxPrice:0} 元，最多两位小数（单位：元）。");
        errors.ThrowIfAny();
        return (code, name, unit, input.Price!.Value);
    }

    public async Task<PriceItemDto> CreatePriceAsync(PriceItemInput input, CancellationToken ct)
    {
        RequireWriter();
        var (code, name, unit, price) = ValidatePrice(input, requireCode: true);
        var org = await OrganizationAsync(input.OrganizationId, ct);
        if (await db.Set<BillingPriceItem>().AnyAsync(p => p.OrganizationId == org.Id && p.Code == code, ct))
            throw new ConflictException("price-code-exists", "本机构收费目录中已有该项目编码，请修改原项目。");
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
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new ConflictException("price-code-exists", "本机构收费目录中已有该项目编码，请修改原项目。");
        }
        settingsCache.Invalidate(org.Id);
        await audit.RecordAsync("billing.price.create", "price-item", item.Id.ToString(), null, $"org={org.Id};code={code};price={price:0.00}");
        return ToDto(item);
    }

    public async Task<PriceItemDto> UpdatePriceAsync(long id, PriceItemInput input, int? ifMatch, CancellationToken ct)
    {
        RequireWriter();
        var item = await db.Set<BillingPriceItem>().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("未找到该收费项目。");
        if (IsStaff && item.OrganizationId != user.OrganizationId) throw new NotFoundException("未找到该收费项目。");
        var (_, name, unit, price) = ValidatePrice(input, requireCode: false);
        if (!string.IsNullOrWhiteSpace(input.Code) && input.Code.Trim() != item.Code)
            throw Invalid("code", "项目编码不能修改；请停用原项目并新建。");
        Etags.CheckVersion(item.Version, ifMatch, input.Version);
        item.Name = name;
        item.Unit = unit;
        item.PriceYuan = price;
        item.Active = input.Active ?? item.Active;
        item.UpdatedAt = clock.GetUtcNow();
        item.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("concurrency", "记录已被他人修改，请刷新后再试。");
        }
        settingsCache.Invalidate(item.OrganizationId);
        await audit.RecordAsync("billing.price.update", "price-item", item.Id.ToString(), null, $"price={price:0.00};active={item.Active}");
        return ToDto(item);
    }

    // ---------------------------------------------------------------- 上门服务费

    public async Task<ServiceFeeDto> GetServiceFeesAsync(long? organizationId, CancellationToken ct)
    {
        var org = await OrganizationAsync(organizationId, ct);
        return await ServiceFeeDtoAsync(org.Id, ct);
    }

    private async Task<ServiceFeeDto> ServiceFeeDtoAsync(long orgId, CancellationToken ct)
    {
        var setting = await db.Set<BillingServiceFeeSetting>().AsNoTracking().FirstOrDefaultAsync(s => s.OrganizationId == orgId, ct);
        var bands = (await db.Set<BillingServiceFeeBand>().AsNoTracking().Where(b => b.OrganizationId == orgId).ToListAsync(ct))
            .OrderBy(b => b.FromKm).Select(b => new FeeBand(b.FromKm, b.ToKm, b.FeeYuan)).ToList();
        var payer = setting?.Payer ?? Payers.Elder;
        return new ServiceFeeDto(orgId, payer, Payers.Name(payer), bands.Select(b => new FeeBandDto(b.FromKm, b.ToKm, b.Fee, b.Label)).ToList(),
            "元/次", setting?.Version);
    }

    /// <summary>
    /// Replaces the institution's distance bands and who pays the fee. Bands are contiguous from 0 km and never overlap
    /// (400 per field otherwise); an existing setting needs its version (If-Match or body).
    /// </summary>
    public async Task<ServiceFeeDto> SetServiceFeesAsync(ServiceFeeInput input, int? ifMatch, CancellationToken ct)
    {
        RequireWriter();
        var (errors, bands) = BillingRules.ValidateBands(input.Bands);
        var payer = Payers.ParseServiceFeePayer(input.Payer ?? Payers.Elder);
        if (payer is null) errors.Add("payer", "上门服务费的支付方只能是个人自付（elder）或家庭医生签约服务包（family-doctor）。");
        errors.ThrowIfAny();
        var org = await OrganizationAsync(input.OrganizationId, ct);
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
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
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(e))
        {
            throw new ConflictException("concurrency", "上门服务费设置已被他人修改，请刷新后再试。");
        }
        await tx.CommitAsync(ct);
        settingsCache.Invalidate(org.Id);
        await audit.RecordAsync("billing.service-fee.update", "organization", org.Id.ToString(), null, $"payer={payer};bands={bands.Count}");
        return await ServiceFeeDtoAsync(org.Id, ct);
    }

    // ---------------------------------------------------------------- statements and income

    /// <summary>Charge lines the user may see: of elders in their scope, and for institution staff of their own institution.</summary>
    private IQueryable<BillingCharge> ScopedCharges()
    {
        var elders = ElderScope.Apply(db.Elders, user);
        var q = db.Set<BillingCharge>().AsNoTracking().Where(c => elders.Any(e => e.Id == c.ElderId));
        if (IsStaff)
        {
            var own = user.OrganizationId ?? -1;
            q = q.Where(c => c.OrganizationId == own);
        }
        return q;
    }

    public sealed record StatementQuery(string? Month, long? OrganizationId, long? ElderId, string? Payer);

    private static (DateOnly From, DateOnly To) MonthRange(string? month)
    {
        var start = BillingRules.ParseMonth(month) ?? throw Invalid("month", "请按“年-月”填写月份，如 2026-11。");
        return (start, start.AddMonths(1).AddDays(-1));
    }

    private async Task<List<StatementLine>> LinesAsync(StatementQuery q, CancellationToken ct)
    {
        var (from, to) = MonthRange(q.Month);
        var query = ScopedCharges().Where(c => c.ServiceDate >= from && c.ServiceDate <= to);
        if (q.OrganizationId is { } o) query = query.Where(c => c.OrganizationId == o);
        if (q.ElderId is { } e) query = query.Where(c => c.ElderId == e);
        if (!string.IsNullOrWhiteSpace(q.Payer))
        {
            var p = q.Payer.Trim();
            query = query.Where(c => c.Payer == p);
        }
        var rows = await (from c in query
                          join el in db.Elders on c.ElderId equals el.Id
                          select new { c, el.Name }).Take(50_000).ToListAsync(ct);
        return rows.Select(r => new StatementLine(r.c.ServiceDate, r.c.VisitId, r.c.ElderId, r.Name, r.c.OrganizationId, r.c.ItemCode, r.c.ItemName,
                r.c.Kind == ChargeKind.ServiceFee ? "service-fee" : "item", r.c.ListPriceYuan, r.c.PatientAmountYuan, r.c.CoveredAmountYuan,
                r.c.Payer, Payers.Name(r.c.Payer), r.c.CoveredBy))
            .OrderBy(l => l.ElderName, StringComparer.Ordinal).ThenBy(l => l.ElderId).ThenBy(l => l.Date).ThenBy(l => l.VisitId)
            .ThenBy(l => l.Kind == "service-fee").ThenBy(l => l.ItemCode, StringComparer.Ordinal).ToList();
    }

    private static List<PayerStatement> ByPayer(IEnumerable<StatementLine> lines) => lines.GroupBy(l => l.Payer)
        .Select(g => new PayerStatement(g.Key, Payers.Name(g.Key), g.Count(), g.Sum(l => l.Payer == Payers.Elder ? l.PatientAmount : l.CoveredAmount)))
        .OrderBy(p => p.Payer == Payers.Elder ? 0 : 1).ThenBy(p => p.Payer, StringComparer.Ordinal).ToList();

    /// <summary>The month's statement: per elder (lines and totals) and per payer. Audited (it names people).</summary>
    public async Task<Statement> StatementAsync(StatementQuery q, CancellationToken ct, bool audited = true)
    {
        var lines = await LinesAsync(q, ct);
        var elders = lines.GroupBy(l => l.ElderId)
            .Select(g => new ElderStatement(g.Key, g.First().ElderName, g.Count(), g.Sum(l => l.ListPrice), g.Sum(l => l.PatientAmount),
                g.Sum(l => l.CoveredAmount), g.ToList()))
            .ToList();
        var month = BillingRules.ParseMonth(q.Month)!.Value.ToString("yyyy-MM");
        if (audited)
            await audit.RecordAsync("billing.statement.view", "statement", month, q.ElderId,
                $"org={q.OrganizationId};payer={q.Payer};elders={elders.Count}", wait: false);
        return new Statement(month, q.OrganizationId, string.IsNullOrWhiteSpace(q.Payer) ? null : q.Payer.Trim(), elders, ByPayer(lines),
            lines.Sum(l => l.ListPrice), lines.Sum(l => l.PatientAmount), lines.Sum(l => l.CoveredAmount));
    }

    /// <summary>
    /// 单独核算: the elder-care income of each institution in the month (Σ list prices of its charge lines), split by
    /// who bears it, kept apart from the institution's other income. No personal data.
    /// </summary>
    public async Task<IReadOnlyList<IncomeRow>> IncomeAsync(string? month, long? organizationId, CancellationToken ct)
    {
        var lines = await LinesAsync(new StatementQuery(month, organizationId, null, null), ct);
        var orgIds = lines.Select(l => l.OrganizationId).Distinct().ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var m = BillingRules.ParseMonth(month)!.Value.ToString("yyyy-MM");
        return lines.GroupBy(l => l.OrganizationId)
            .Select(g => new IncomeRow(g.Key, names.GetValueOrDefault(g.Key) ?? "", m, ByPayer(g), g.Sum(l => l.ListPrice)))
            .OrderBy(r => r.OrganizationName, StringComparer.Ordinal).ToList();
    }

    /// <summary>The statement and the income summary as an .xlsx workbook; the export is audited and awaited.</summary>
    public async Task<byte[]> ExportAsync(StatementQuery q, CancellationToken ct)
    {
        var statement = await StatementAsync(q, ct, audited: false);
        var income = await IncomeAsync(q.Month, q.OrganizationId, ct);
        await audit.RecordAsync("billing.statement.export", "statement", statement.Month, q.ElderId,
            $"org={q.OrganizationId};payer={q.Payer};elders={statement.Elders.Count}");
        return StatementWorkbook.Build(statement, income);
    }

    /// <summary>Organizations the user may pick on the statement page (staff: their own).</summary>
    public async Task<IReadOnlyList<(long Id, string Name)>> OrganizationChoicesAsync(CancellationToken ct)
    {
        var q = db.Organizations.AsNoTracking().Where(o => o.Kind != OrganizationKind.ElderlyCare);
        if (IsStaff) q = q.Where(o => o.Id == (user.OrganizationId ?? -1));
        else if (user.Role == Roles.Regulator) q = q.Where(o => o.TownshipCode.StartsWith(user.RegionCode ?? "-"));
        var rows = await q.OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).Take(500).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Name)).ToList();
    }
}
