using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Institutions;

namespace Yiyang.Modules.Institutions.Pages;

/// <summary>
/// The regulator's review of admissions by ID card of elders registered elsewhere (docs/domain/institutions.md#admission-safeguards):
/// unreviewed first; 无异常 or 存疑 with a note.
/// </summary>
[Authorize(Policy = InstitutionPolicies.AdmissionReview)]
public sealed class AdmissionReviewsModel(ListAdmissionReviews list, ReviewAdmission review) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    [BindProperty] public long? ReviewId { get; set; }
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? Note { get; set; }
    public IReadOnlyList<AdmissionReviewDto> Reviews { get; private set; } = [];
    public string? Done { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Reviews = await list.HandleAsync(!All, ct);
        Done = done == "reviewed" ? "已记录审查结论。" : null;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            if (ReviewId is null) throw AdmissionReviews.NotFound();
            await review.HandleAsync(ReviewId.Value, new AdmissionReviewInput(Outcome, Note), ct);
            return Redirect("/Institutions/AdmissionReviews?done=reviewed");
        }
        catch (AppException e) { Show(e); }
        Reviews = await list.HandleAsync(!All, ct);
        return Page();
    }
}
