using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Agreements;

namespace Yiyang.Modules.Agreements.Pages;

/// <summary>One agreement: its terms, its performance, and activate / terminate for the parties' administrators.</summary>
[Authorize(Policy = AgreementPolicies.Use)]
public sealed class DetailsModel(GetAgreement getAgreement, GetAgreementPerformance performance) : FormPageModel
{
    public AgreementDto? Agreement { get; private set; }
    public PerformanceDto? Performance { get; private set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int? Version { get; set; }

    private async Task LoadAsync(long id, CancellationToken ct)
    {
        Agreement = await getAgreement.HandleAsync(id, ct);
        Performance = await performance.HandleAsync(id, null, null, ct);
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        return await PageOrNotFoundAsync(() => LoadAsync(id, ct));
    }

    public Task<IActionResult> OnPostActivateAsync(long id, [FromServices] ActivateAgreement activate, CancellationToken ct) =>
        Act(id, () => activate.HandleAsync(id, new AgreementTransitionInput(null, Version), null, ct), "协议已生效。", ct);

    public Task<IActionResult> OnPostTerminateAsync(long id, [FromServices] TerminateAgreement terminate, CancellationToken ct) =>
        Act(id, () => terminate.HandleAsync(id, new AgreementTransitionInput(Reason, Version), null, ct), "协议已终止，医疗机构的查阅权限随之结束。", ct);

    private Task<IActionResult> Act(long id, Func<Task<AgreementDto>> action, string message, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            await action();
            TempData["Message"] = message;
            return Redirect($"/Agreements/Details/{id}");
        }, () => LoadAsync(id, ct));
}
