namespace Yiyang.Modules.Inbox;

/// <summary>The inbox routes (/api/inbox): one use case per line.</summary>
public static class InboxApi
{
    public static void MapInbox(this IEndpointRouteBuilder app)
    {
        var inbox = app.MapGroup("/api/inbox").WithTags("Inbox").RequireAuthorization(InboxPolicies.Read);
        ListInbox.Map(inbox);  // GET  /
        MarkRead.Map(inbox);   // POST /{id}/read
    }
}
