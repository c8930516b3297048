using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Yiyang.Modules.Audit.Pages;

[Authorize(Policy = AuditPolicies.Read)]
public sealed class IndexModel(AuditReader reader) : PageModel
{
    [FromQuery(Name = "subjectId")] public string? SubjectId { get; set; }
    [FromQuery(Name = "action")] public string? Action { get; set; }
    [FromQuery(Name = "userName")] public string? UserName { get; set; }
    [FromQuery(Name = "page")] public int? PageNo { get; set; }
    public PagedList<AuditEntryDto>? Result { get; private set; }
    public AuditVerification? Verification { get; private set; }
    public bool Full { get; private set; }
    public const int RecentWindow = 10_000;

    public IReadOnlyList<string> Actions { get; } =
    [
        "elder.create", "elder.update", "elder.view", "elder.reveal", "elder.reveal.denied", "elder.search", "elder.import",
        "elder.list", "organization.create", "organization.update", "login", "login.failed", "login.lockout", "logout", "user.create", "user.unlock",
        "user.list", "export", "access.denied", "access.not-found", "audit.read", "audit.verify",
    ];

    public async Task OnGetAsync(CancellationToken ct)
    {
        // the page checks the newest 10,000 links; the full chain is checked with ?full=true or GET /api/audit/verify
        Full = Request.Query["full"] == "true";
        Verification = await reader.VerifyAsync(ct, Full ? null : RecentWindow);
        Result = await reader.ListAsync(new AuditQuery(SubjectId, null, null, Action, UserName, PageNo is > 0 ? PageNo : 1, 50), ct);
    }

    public string PageUrl(int page) =>
        $"/Audit?subjectId={Uri.EscapeDataString(SubjectId ?? "")}&action={Uri.EscapeDataString(Action ?? "")}&userName={Uri.EscapeDataString(UserName ?? "")}&page={page}";
}
