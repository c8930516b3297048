using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiyang.Modules.Agreements;

namespace Yiyang.Modules.Agreements.Pages;

/// <summary>The agreements the user's organization is a party to (regulators: their region; platform admin: all).</summary>
[Authorize(Policy = AgreementPolicies.Use)]
public sealed class IndexModel(ListAgreements list, CurrentUser me) : PageModel
{
    [FromQuery] public string? Status { get; set; }
    public IReadOnlyList<AgreementDto> Items { get; private set; } = [];
    public bool MayCreate => me.Can(AgreementPolicies.Sign);
    public bool MayOversee => me.Can(AgreementPolicies.Oversight);

    public async Task OnGetAsync(CancellationToken ct) =>
        Items = await list.HandleAsync(Status is "draft" or "effective" or "terminated" or "expired" ? Status : null, ct);
}
