using System.Globalization;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Emergency;

/// <summary>One notice of an incident as the operator sees it: the contact's relation and masked name and phone.</summary>
public sealed record IncidentNotificationDto(long Id, string Kind, string KindName, int ContactIndex, string Contact, string? PhoneMasked, string Channel,
    string Status, string StatusName, int Attempts, DateTimeOffset? NextAttemptAt, DateTimeOffset? SentAt, string? LastError, DateTimeOffset CreatedAt);

/// <summary>事件的家属通知: the notices queued and sent for an incident in scope, oldest first; the read is audited.</summary>
public sealed class ListIncidentNotifications(YiyangDb db, PiiProtector pii, AuditTrail audit, EmergencyAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/incidents/{id:long}/notifications", async Task<Ok<List<IncidentNotificationDto>>> (long id, ListIncidentNotifications handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(403, 404)
            .WithSummary("事件的家属通知记录（联系人电话已脱敏）");

    public async Task<List<IncidentNotificationDto>> HandleAsync(long id, CancellationToken ct)
    {
        access.User.Demand(EmergencyPolicies.ReadIncidents);
        var incident = await access.Incidents().AsNoTracking().Where(i => i.Id == id).Select(i => new { i.Id, i.ElderId }).FirstOrDefaultAsync(ct)
            ?? throw EmergencyAccess.NoIncident();
        await audit.RecordAsync("emergency.incident.notifications.read", "emergency-incident", id.ToString(CultureInfo.InvariantCulture), incident.ElderId, wait: false);
        var rows = await db.Set<EmergencyNotification>().AsNoTracking().Where(n => n.IncidentId == id).OrderBy(n => n.Id).ToListAsync(ct);
        var cipher = await db.Elders.AsNoTracking().Where(e => e.Id == incident.ElderId).Select(e => e.ContactsCipher).FirstOrDefaultAsync(ct);
        var contacts = cipher is null ? [] : ElderRecord.ReadContacts(cipher, pii);
        return [.. rows.Select(n =>
        {
            var c = n.ContactIndex < contacts.Count ? contacts[n.ContactIndex] : null;
            var who = c is null ? "（联系人已不在档案中）"
                : $"{(string.IsNullOrWhiteSpace(c.Relation) ? "联系人" : c.Relation.Trim())} {(string.IsNullOrWhiteSpace(c.Name) ? "" : Masking.Name(c.Name))}".Trim();
            var waiting = n.Status is NotificationStatus.Pending or NotificationStatus.Failed;
            return new IncidentNotificationDto(n.Id, NotificationRules.Code(n.Kind), NotificationRules.Name(n.Kind), n.ContactIndex, who,
                string.IsNullOrWhiteSpace(c?.Phone) ? null : Masking.Phone(c.Phone), n.Channel, NotificationRules.StatusCode(n.Status),
                NotificationRules.StatusName(n.Status), n.Attempts, waiting ? n.NextAttemptAt : null, n.SentAt, n.LastError, n.CreatedAt);
        })];
    }
}
