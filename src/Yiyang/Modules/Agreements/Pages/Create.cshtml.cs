using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Agreements;
using Yiyang.Modules.Referrals;

namespace Yiyang.Modules.Agreements.Pages;

/// <summary>起草协议: the parties, the term, the content items, the fee and each party's duties (status 草拟).</summary>
[Authorize(Policy = AgreementPolicies.Use)]
public sealed class CreateModel(AgreementParties parties, TimeProvider clock) : FormPageModel
{
    [BindProperty] public long? MedicalOrganizationId { get; set; }
    [BindProperty] public long? CareOrganizationId { get; set; }
    [BindProperty] public DateOnly? StartOn { get; set; }
    [BindProperty] public DateOnly? EndOn { get; set; }
    [BindProperty] public List<string> Items { get; set; } = [];
    [BindProperty] public int? RoundsPerMonth { get; set; }
    [BindProperty] public decimal? Fee { get; set; }
    [BindProperty] public string? MedicalDuties { get; set; }
    [BindProperty] public string? CareDuties { get; set; }
    public IReadOnlyList<OrgRef> MedicalOptions { get; private set; } = [];
    public IReadOnlyList<OrgRef> CareOptions { get; private set; } = [];

    private async Task LoadAsync(CancellationToken ct)
    {
        MedicalOptions = await parties.ListAsync(true, ct);
        CareOptions = await parties.ListAsync(false, ct);
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        StartOn ??= clock.ChinaToday();
        EndOn ??= clock.ChinaToday().AddYears(1).AddDays(-1);
        await LoadAsync(ct);
    }

    public Task<IActionResult> OnPostAsync([FromServices] CreateAgreement create, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var a = await create.HandleAsync(new AgreementInput(MedicalOrganizationId, CareOrganizationId, StartOn, EndOn, Items, RoundsPerMonth, Fee,
                MedicalDuties, CareDuties), ct);
            TempData["Message"] = "协议已保存为草拟，核对无误后可在协议页设为生效。";
            return Redirect($"/Agreements/Details/{a.Id}");
        }, () => LoadAsync(ct));
}
