using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Supervision;

public sealed record ChecklistItemInput(string? Category, string? Text);

public sealed record ChecklistInput(string? OrganizationKind, string? Name, IReadOnlyList<ChecklistItemInput?>? Items);

/// <summary>
/// 修订检查表 (a regulator, for their own bureau): saves the bureau's checklist for an organization kind as a new version
/// (the highest number + 1); earlier versions stay unchanged (docs/domain/supervision.md#checklists).
/// </summary>
public sealed class SaveChecklist(YiyangDb db, CurrentUser user, TimeProvider clock, AuditTrail audit, ChecklistQueries queries)
{
    public const int MaxItems = 60;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/checklists", async Task<Created<ChecklistDto>> (ChecklistInput input, SaveChecklist handler, CancellationToken ct) =>
            {
                var c = await handler.HandleAsync(input, ct);
                return TypedResults.Created($"/api/inspections/checklists/{c.Id}", c);
            })
            .ProducesProblems(400, 403, 409)
            .WithSummary("修订本部门某类机构的检查表：保存为新版本（原版本保留）");

    public async Task<ChecklistDto> HandleAsync(ChecklistInput input, CancellationToken ct)
    {
        user.Demand(SupervisionPolicies.Plan);
        var bureau = user.Bureau ?? "";
        var (kind, name, items) = Validate(input);
        var version = (await db.Set<ChecklistTemplate>().Where(t => t.Bureau == bureau && t.OrganizationKind == kind).MaxAsync(t => (int?)t.VersionNo, ct) ?? 0) + 1;
        var t = new ChecklistTemplate
        {
            Bureau = bureau,
            OrganizationKind = kind,
            VersionNo = version,
            Name = name,
            CreatedByUser = user.UserName,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(t);
        await db.SaveOrConflictAsync(ct, onDuplicate: () => new ConflictException("checklist-version", "检查表刚被他人修订，请刷新后再改。"));
        db.AddRange(items.Select((x, i) => new ChecklistItem { TemplateId = t.Id, Position = i + 1, Category = x.Category, Text = x.Text }));
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("supervision.checklist.version", "checklist", t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            detail: $"bureau={bureau}; kind={kind}; version={version}; items={items.Count}");
        return (await queries.FindAsync(t.Id, ct))!;
    }

    private static (string Kind, string Name, List<(string Category, string Text)> Items) Validate(ChecklistInput input)
    {
        var errors = new FieldErrors();
        var kind = OrganizationKinds.Parse(input.OrganizationKind);
        if (kind is null) errors.Add("organizationKind", "机构类别只能是 medical、elderly-care 或 integrated。");
        var name = (input.Name ?? "").Trim();
        if (name.Length is 0 or > 100) errors.Add("name", "请填写检查表名称（最多 100 个字）。");
        var items = new List<(string, string)>();
        if (input.Items is not { Count: > 0 } || input.Items.Count > MaxItems) errors.Add("items", $"检查项应为 1–{MaxItems} 项。");
        else
            foreach (var (x, i) in input.Items.Select((x, i) => (x, i)))
            {
                var category = (x?.Category ?? "").Trim();
                var text = (x?.Text ?? "").Trim();
                if (category.Length is 0 or > 20 || text.Length is 0 or > 300) errors.Add("items", $"第 {i + 1} 项须有类别（最多 20 个字）和检查内容（最多 300 个字）。");
                else items.Add((category, text));
            }
        errors.ThrowIfAny();
        return (OrganizationKinds.Code(kind!.Value), name, items);
    }
}
