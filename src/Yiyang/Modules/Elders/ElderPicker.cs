namespace Yiyang.Modules.Elders;

/// <summary>
/// What the shared elder picker (<c>Modules/Shared/_ElderPicker.cshtml</c>) shows: the chosen elder's confirmation line
/// and, without script, the results of a name search carried in the page's URL (docs/domain/elders-and-identifiers.md#elder-picker).
/// </summary>
/// <param name="FormId">The id of the page's form that the picker's hidden <c>ElderId</c> and confirmation belong to; empty: <see cref="Navigate"/>.</param>
/// <param name="Selected">The chosen elder (in the user's scope), as the search lists them.</param>
/// <param name="Results">Server-rendered search results (the page without script); null when nothing was searched.</param>
/// <param name="Message">Why the search or the chosen elder could not be shown (Chinese, no personal data).</param>
/// <param name="Error">The form's error about the elder, shown beside the picker.</param>
public sealed record ElderPickerView(string FormId, long? ElderId, ElderListItem? Selected, bool Confirmed, string? Query,
    IReadOnlyList<ElderListItem>? Results, int Total, string? Message, string? Error)
{
    /// <summary>A picker that leads to the chosen elder's page (the URL with <c>?elderId=</c>) instead of filling a form.</summary>
    public bool Navigate => FormId.Length == 0;

    /// <summary>已选择：张三，78 岁，女，XX 街道，610***…</summary>
    public static string Line(ElderListItem e) => $"已选择：{e.Name}，{e.Age} 岁，{e.Sex}，{e.TownshipName}，{e.IdNumberMasked}";
}

/// <summary>
/// Loads the picker's state for a form page: the preselected elder (<c>?elderId=</c>) read within scope, and a name
/// search from the URL (<c>?elderQ=</c>) for browsers without script. A full ID number or phone never travels in a URL
/// (docs/domain/elders-and-identifiers.md#exact-searches): the script posts those; the URL form refuses them.
/// </summary>
public sealed class ElderPicker(YiyangDb db, CurrentUser user, SearchElders search, RegionCatalog regions, AuditTrail audit, TimeProvider clock)
{
    public const int PageSize = 10;
    public const string NotConfirmed = "请核对所选老年人的姓名、年龄、性别、乡镇（街道）和身份证号，并勾选“已核对”后再提交。";

    public async Task<ElderPickerView> LoadAsync(string formId, long? elderId, string? query, bool confirmed, string? error, CancellationToken ct)
    {
        string? message = null;
        ElderListItem? selected = null;
        if (elderId is { } id)
        {
            selected = await FindAsync(id, ct);
            if (selected is null) message = "未找到所选的老年人，或其不在您的服务范围内，请重新查找。";
        }
        IReadOnlyList<ElderListItem>? results = null;
        var total = 0;
        query = query?.Trim();
        if (!string.IsNullOrEmpty(query))
        {
            if (ElderSearchText.MayBeIdentifier(query))
            {
                message = "为保护个人信息，身份证号和电话不能放在网址中：请在启用脚本的浏览器中查找，或按姓名查找。";
                query = null;
            }
            else
            {
                try
                {
                    var page = await search.HandleAsync(new ElderQuery(query, null, null, 1, PageSize), ct);
                    (results, total) = (page.Items, page.Total);
                }
                catch (AppException e) when (e is ValidationFailedException or ForbiddenException or TooManyRequestsException)
                {
                    message = e is ValidationFailedException v ? string.Join(" ", v.Errors.SelectMany(x => x.Value)) : e.Message;
                }
            }
        }
        return new ElderPickerView(formId, selected is null ? null : elderId, selected, confirmed && selected is not null, query, results, total, message, error);
    }

    /// <summary>One elder in the user's scope as the search lists them (masked identifiers), or null; the look-up is audited.</summary>
    public async Task<ElderListItem?> FindAsync(long id, CancellationToken ct)
    {
        var e = await ElderScope.Apply(db.Elders.AsNoTracking(), user).Where(x => x.Id == id)
            .Select(x => new { x.Id, x.Name, x.Sex, x.BirthDate, x.IdNumberMasked, x.PhoneMasked, x.TownshipCode, x.Flags, x.ResponsibleOrganizationId })
            .FirstOrDefaultAsync(ct);
        if (e is null) return null;
        await audit.RecordListAsync("elder.list", "elder", null, 1, [e.Id], "kind=pick");
        return new ElderListItem(e.Id, e.Name, CodeLists.SexName(e.Sex), ElderAccess.Age(e.BirthDate, clock.ChinaToday()), e.IdNumberMasked,
            e.PhoneMasked, e.TownshipCode, regions.Find(e.TownshipCode)?.Name ?? e.TownshipCode, RiskFlagCatalog.Codes(e.Flags), e.ResponsibleOrganizationId);
    }

    /// <summary>
    /// The page's check before it submits: an elder chosen in the picker must be confirmed (a 400 on <c>elderId</c>
    /// otherwise, shown beside the picker). A missing elder is left to the use case's own validation.
    /// </summary>
    public static void DemandConfirmed(long? elderId, bool confirmed)
    {
        if (elderId is not null && !confirmed) throw ValidationFailedException.For("elderId", NotConfirmed);
    }
}
