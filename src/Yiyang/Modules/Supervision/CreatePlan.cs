using Microsoft.Extensions.Options;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Supervision;

public sealed record PlanInput(string? Name, string? Bureau, IReadOnlyList<string?>? JointBureaus, int? Year, decimal? RatioPercent,
    IReadOnlyList<string?>? OrganizationKinds, string? RegionCode, int? InspectorsPerEntity);

/// <summary>
/// 制定抽查计划 (a regulator, for their own bureau as lead; other bureaus join a 联合抽查): the entity list is counted now and
/// the sample size is ceil(count × ratio) (docs/domain/supervision.md#sample-size); defaults from the settings.
/// </summary>
public sealed class CreatePlan(YiyangDb db, PlanAccess access, SupervisionLists lists, RegionCatalog regions, TimeProvider clock, AuditTrail audit,
    IOptions<SupervisionOptions> options)
{
    public const int MaxInspectorsPerEntity = 10;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/plans", async Task<Created<PlanDto>> (PlanInput input, CreatePlan handler, CancellationToken ct) =>
            {
                var p = await handler.HandleAsync(input, ct);
                return TypedResults.Created($"/api/inspections/plans/{p.Id}", p);
            })
            .ProducesProblems(400, 403)
            .WithSummary("制定双随机抽查计划（监管人员，本部门牵头，可联合其他部门）：按名录计数，抽查数 = ceil(名录数 × 比例)，名录为空时为 0");

    public async Task<PlanDto> HandleAsync(PlanInput input, CancellationToken ct)
    {
        var user = access.User;
        user.Demand(SupervisionPolicies.Plan);
        var v = Validate(input, user);
        var count = await lists.CountEntitiesAsync(v.Bureaus, v.Kinds, v.Region, ct);
        var now = clock.GetUtcNow();
        var p = new InspectionPlan
        {
            Name = v.Name,
            LeadBureau = v.Bureaus[0],
            Bureaus = string.Join(',', v.Bureaus),
            Year = v.Year,
            RatioBasisPoints = v.BasisPoints,
            OrganizationKinds = string.Join(',', v.Kinds.Select(OrganizationKinds.Code)),
            RegionCode = v.Region,
            InspectorsPerEntity = v.PerEntity,
            EntityCount = count,
            SampleSize = DrawAlgorithm.SampleSize(count, v.BasisPoints),
            CreatedByUser = user.UserName,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        db.Add(p);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("supervision.plan.create", "inspection-plan", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            detail: $"region={p.RegionCode}; bureaus={p.Bureaus}; entities={count}; sample={p.SampleSize}");
        return await access.ToDtoAsync(p, ct);
    }

    private sealed record Valid(string Name, List<string> Bureaus, int Year, int BasisPoints, List<OrganizationKind> Kinds, string Region, int PerEntity);

    private Valid Validate(PlanInput input, CurrentUser user)
    {
        var errors = new FieldErrors();
        var name = (input.Name ?? "").Trim();
        if (name.Length is 0 or > 100) errors.Add("name", "请填写计划名称（最多 100 个字）。");
        var lead = (input.Bureau ?? user.Bureau ?? "").Trim();
        if (lead != user.Bureau) errors.Add("bureau", $"只能以本部门（{Bureaus.DisplayName(user.Bureau)}）牵头制定计划；联合抽查的其他部门填在 jointBureaus。");
        var bureaus = new List<string> { lead };
        foreach (var b in input.JointBureaus ?? [])
        {
            if (b is null || !Bureaus.All.Contains(b)) errors.Add("jointBureaus", "联合部门只能是 health、civil-affairs 或 insurance。");
            else if (!bureaus.Contains(b)) bureaus.Add(b);
        }
        var today = clock.ChinaToday();
        var year = input.Year ?? today.Year;
        if (year < today.Year - 1 || year > today.Year + 1) errors.Add("year", $"年度应为 {today.Year - 1}–{today.Year + 1}。");
        var ratio = input.RatioPercent ?? options.Value.DefaultRatioPercent;
        if (ratio is <= 0 or > 100 || decimal.Round(ratio, 2) != ratio) errors.Add("ratioPercent", "抽查比例应大于 0、不超过 100（%），最多两位小数。");
        var kinds = new List<OrganizationKind>();
        if (input.OrganizationKinds is { Count: 0 }) errors.Add("organizationKinds", "请至少选择一类机构。");
        foreach (var k in input.OrganizationKinds ?? ["medical", "elderly-care", "integrated"])
        {
            if (OrganizationKinds.Parse(k) is { } kind) { if (!kinds.Contains(kind)) kinds.Add(kind); }
            else errors.Add("organizationKinds", "机构类别只能是 medical、elderly-care 或 integrated。");
        }
        var region = (input.RegionCode ?? user.RegionCode ?? "").Trim();
        if (regions.Find(region) is null || user.RegionCode is null || !region.StartsWith(user.RegionCode, StringComparison.Ordinal))
            errors.Add("regionCode", "请选择本人管辖范围内的区划。");
        var min = Math.Max(2, options.Value.MinInspectorsPerEntity);
        var perEntity = input.InspectorsPerEntity ?? min;
        if (perEntity < min || perEntity > MaxInspectorsPerEntity) errors.Add("inspectorsPerEntity", $"每家机构的监督员人数应为 {min}–{MaxInspectorsPerEntity}。");
        errors.ThrowIfAny();
        return new Valid(name, bureaus, year, (int)(ratio * 100), kinds.Order().ToList(), region, perEntity);
    }
}
