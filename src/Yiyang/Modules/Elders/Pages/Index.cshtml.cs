using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Elders.Pages;

/// <summary>
/// 老年人 list. The search form is posted, so a full ID number or phone never lands in a URL (browser history, proxy
/// and access logs); the pager's links carry a name prefix only, and a URL that carries what may be an identifier is
/// not searched (docs/domain/elders-and-identifiers.md#exact-searches).
/// </summary>
[Authorize(Policy = ElderPolicies.Read)]
public sealed class IndexModel(SearchElders elders, RegionCatalog regions, CurrentUser me, IOptions<PlatformOptions> platform,
    IOptions<ElderOptions> options) : PageModel
{
    private const int PageSize = 20;

    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "regionCode")] public string? RegionCode { get; set; }
    [FromQuery(Name = "flag")] public string? Flag { get; set; }
    [FromQuery(Name = "page")] public int? PageNo { get; set; }
    public PagedList<ElderListItem>? Result { get; private set; }
    public string? Error { get; private set; }
    public List<Region> Townships { get; private set; } = [];
    public bool CanWrite => me.Can(ElderPolicies.Write);

    public Task OnGetAsync(CancellationToken ct)
    {
        if (ElderSearchText.MayBeIdentifier(Q))
        {
            Q = null;
            Townships = regions.TownshipsUnder(platform.Value.RootFor(me)).ToList();
            Error = "为保护个人信息，身份证号和电话不能放在网址中：请在查找框中输入后点“查找”。";
            return Task.CompletedTask;
        }
        return SearchAsync(PageSize, ct);
    }

    public Task OnPostAsync([FromForm(Name = "q")] string? q, [FromForm(Name = "regionCode")] string? regionCode,
        [FromForm(Name = "flag")] string? flag, CancellationToken ct)
    {
        (Q, RegionCode, Flag, PageNo) = (q, regionCode, flag, 1);
        // an identifier has no pager link to the next page (it would carry the identifier): all its matches on one page
        return SearchAsync(ElderSearchText.MayBeIdentifier(q) ? options.Value.MaxPageSize : PageSize, ct);
    }

    private async Task SearchAsync(int pageSize, CancellationToken ct)
    {
        Townships = regions.TownshipsUnder(platform.Value.RootFor(me)).ToList();
        try
        {
            Result = await elders.HandleAsync(new ElderQuery(Q, RegionCode, Flag, PageNo, pageSize), ct);
        }
        catch (ValidationFailedException e)
        {
            Error = string.Join(" ", e.Errors.SelectMany(x => x.Value));
        }
        catch (TooManyRequestsException e)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = e.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            Error = e.Message;
        }
        catch (ForbiddenException e)
        {
            Error = e.Message;
        }
    }

    public string PageUrl(int page) =>
        $"/Elders?q={Uri.EscapeDataString(ElderSearchText.MayBeIdentifier(Q) ? "" : Q ?? "")}&regionCode={Uri.EscapeDataString(RegionCode ?? "")}&flag={Uri.EscapeDataString(Flag ?? "")}&page={page}";
}
