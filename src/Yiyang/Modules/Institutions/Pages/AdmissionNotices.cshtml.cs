using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Institutions;

namespace Yiyang.Modules.Institutions.Pages;

/// <summary>跨机构入住通知: the elders registered to the user's organization who were admitted elsewhere by ID card; 已阅 each.</summary>
[Authorize(Policy = InstitutionPolicies.Write)]
public sealed class AdmissionNoticesModel(ListAdmissionNotices list, ReadAdmissionNotice read) : FormPageModel
{
    [BindProperty] public long? NoticeId { get; set; }
    public IReadOnlyList<AdmissionReviewDto> Notices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Notices = await list.HandleAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            if (NoticeId is null) throw AdmissionReviews.NotFound();
            await read.HandleAsync(NoticeId.Value, ct);
            return Redirect("/Institutions/AdmissionNotices");
        }
        catch (AppException e) { Show(e); }
        Notices = await list.HandleAsync(ct);
        return Page();
    }
}
