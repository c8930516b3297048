namespace Yiyang.Modules.Supervision;

public sealed record ChecklistItemDto(int Position, string Category, string Text);

public sealed record ChecklistDto(long Id, string Bureau, string BureauName, string OrganizationKind, int VersionNo, string Name, bool Current,
    string CreatedBy, DateTimeOffset CreatedAt, IReadOnlyList<ChecklistItemDto> Items);

/// <summary>Reading checklists: the current version of each bureau and kind, or one version by id.</summary>
public sealed class ChecklistQueries(YiyangDb db)
{
    /// <summary>The current (highest) version of each bureau and kind, optionally of one bureau or kind.</summary>
    public async Task<IReadOnlyList<ChecklistDto>> CurrentAsync(string? bureau, string? kind, CancellationToken ct)
    {
        var q = db.Set<ChecklistTemplate>().AsNoTracking()
            .Where(t => !db.Set<ChecklistTemplate>().Any(n => n.Bureau == t.Bureau && n.OrganizationKind == t.OrganizationKind && n.VersionNo > t.VersionNo));
        if (bureau is not null) q = q.Where(t => t.Bureau == bureau);
        if (kind is not null) q = q.Where(t => t.OrganizationKind == kind);
        var templates = await q.OrderBy(t => t.Bureau).ThenBy(t => t.OrganizationKind).ToListAsync(ct);
        return await WithItemsAsync(templates, current: true, ct);
    }

    public async Task<ChecklistDto?> FindAsync(long id, CancellationToken ct)
    {
        var t = await db.Set<ChecklistTemplate>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (t is null) return null;
        var current = !await db.Set<ChecklistTemplate>().AnyAsync(n => n.Bureau == t.Bureau && n.OrganizationKind == t.OrganizationKind && n.VersionNo > t.VersionNo, ct);
        return (await WithItemsAsync([t], current, ct))[0];
    }

    private async Task<IReadOnlyList<ChecklistDto>> WithItemsAsync(List<ChecklistTemplate> templates, bool current, CancellationToken ct)
    {
        var ids = templates.Select(t => t.Id).ToList();
        var items = (await db.Set<ChecklistItem>().AsNoTracking().Where(i => ids.Contains(i.TemplateId)).ToListAsync(ct))
            .GroupBy(i => i.TemplateId).ToDictionary(g => g.Key, g => g.OrderBy(i => i.Position).Select(i => new ChecklistItemDto(i.Position, i.Category, i.Text)).ToList());
        return [.. templates.Select(t => new ChecklistDto(t.Id, t.Bureau, Bureaus.DisplayName(t.Bureau), t.OrganizationKind, t.VersionNo, t.Name, current,
            t.CreatedByUser, t.CreatedAt, items.GetValueOrDefault(t.Id) ?? []))];
    }
}
