using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Inbox.Pages;

/// <summary>我的消息: the user's own alerts, unread first, each with a link and 标为已读.</summary>
[Authorize(Policy = InboxPolicies.Read)]
public sealed class IndexModel(ListInbox list) : FormPageModel
{
    [BindProperty] public long MessageId { get; set; }
    public InboxList Inbox { get; private set; } = new([], 0);

    public async Task OnGetAsync(CancellationToken ct) => Inbox = await list.HandleAsync(ct);

    public Task<IActionResult> OnPostReadAsync([FromServices] MarkRead mark, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            await mark.HandleAsync(MessageId, ct);
            TempData["Message"] = "已标为已读。";
            return Redirect("/Inbox");
        }, async () => Inbox = await list.HandleAsync(ct));
}
