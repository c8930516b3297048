using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Supervision.Pages;

/// <summary>
/// 执法检查人员名录 (regulators): their bureau's inspectors in the region with certificates and conflicts; one inspector's
/// certificate form and conflicts of interest (回避) with a form to record one.
/// </summary>
[Authorize(Policy = SupervisionPolicies.ManageInspectors)]
public sealed class InspectorsModel(ListInspectors list, ListConflicts conflicts, YiyangDb db, CurrentUser me) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public long? Id { get; set; }
    [BindProperty] public string? CertificateNo { get; set; }
    [BindProperty] public DateOnly? ValidFrom { get; set; }
    [BindProperty] public DateOnly? ValidUntil { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public long? OrganizationId { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public IReadOnlyList<InspectorDto> Inspectors { get; private set; } = [];
    public InspectorDto? Selected { get; private set; }
    public IReadOnlyList<ConflictDto> Conflicts { get; private set; } = [];
    public IReadOnlyList<(long Id, string Name)> Organizations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct, fill: true);
        return Id is not null && Selected is null ? NotFound() : Page();
    }

    public Task<IActionResult> OnPostCertificateAsync([FromServices] SetInspectorCertificate set, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var i = await set.HandleAsync(Id ?? 0, new CertificateInput(CertificateNo, ValidFrom, ValidUntil, Version), null, ct);
            TempData["Message"] = $"已登记 {i.Name} 的执法证。";
            return Redirect($"/Supervision/Inspectors?id={i.Id}");
        }, () => LoadAsync(ct, fill: false), "certificate");

    public Task<IActionResult> OnPostConflictAsync([FromServices] RecordConflict record, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var c = await record.HandleAsync(Id ?? 0, new ConflictInput(OrganizationId, Reason), ct);
            TempData["Message"] = $"已登记回避：{c.OrganizationName}。";
            return Redirect($"/Supervision/Inspectors?id={c.InspectorId}");
        }, () => LoadAsync(ct, fill: false), "conflict");

    private async Task LoadAsync(CancellationToken ct, bool fill)
    {
        Inspectors = await list.HandleAsync(ct);
        Selected = Inspectors.FirstOrDefault(i => i.Id == Id);
        if (Selected is null) return;
        Conflicts = await conflicts.HandleAsync(Selected.Id, ct);
        var region = me.RegionCode ?? "";
        Organizations = [.. (await db.Organizations.AsNoTracking().Where(o => o.TownshipCode.StartsWith(region)).OrderBy(o => o.Name)
            .Select(o => new { o.Id, o.Name }).Take(1000).ToListAsync(ct)).Select(o => (o.Id, o.Name))];
        if (!fill) return;
        CertificateNo = Selected.CertificateNo;
        ValidFrom = Selected.ValidFrom;
        ValidUntil = Selected.ValidUntil;
        Version = Selected.Version == 0 ? null : Selected.Version;
    }
}
