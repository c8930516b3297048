using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiyang.Modules.Referrals;

namespace Yiyang.Modules.Referrals.Pages;

/// <summary>
/// The printable 双向转诊单 (基本公卫 template): a stub (存根) kept by the sender and the form handed over — 转出单 for an
/// up-referral, 回转单 for a down-referral. Address and phone are left blank to be written by hand (the platform
/// prints no personal data it would otherwise mask). The view is audited like any read of the referral.
/// </summary>
[Authorize(Policy = ReferralPolicies.Use)]
public sealed class PrintModel(GetReferral getReferral) : FormPageModel
{
    [FromRoute] public long Id { get; set; }
    public ReferralDto? Referral { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        return await PageOrNotFoundAsync(async () => Referral = await getReferral.HandleAsync(Id, ct));
    }
}
