using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Yiyang.Modules.Emergency.Pages;

/// <summary>
/// 事件队列: open incidents first, by priority and waiting time, then those settled in the last days. Live: the page's
/// script listens to the console stream from the position read before the queue, and reloads the queue (<c>handler=Queue</c>)
/// at each change, with a visual and sound cue for new, raised and escalated incidents and ringing calls.
/// </summary>
[Authorize(Policy = EmergencyPolicies.ReadIncidents)]
public sealed class IndexModel(ListIncidents list, CallSteps calls, YiyangDb db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<IncidentDto> Incidents { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    /// <summary>The last console event before the queue was read: the stream resumes after it, so nothing falls between.</summary>
    public long LatestEventId { get; private set; }

    /// <summary>Calls ringing in the user's area (null when the user does not take calls).</summary>
    public int? RingingCalls { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>The queue alone, for the live page to swap in.</summary>
    public async Task<IActionResult> OnGetQueueAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Partial("_Queue", this);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        LatestEventId = await db.Set<EmergencyEvent>().MaxAsync(e => (long?)e.Id, ct) ?? 0;
        Now = clock.GetUtcNow();
        Incidents = await list.HandleAsync(false, ct);
        if (calls.User.Can(EmergencyPolicies.HandleIncidents))
            RingingCalls = await calls.Calls().CountAsync(c => c.Status == CallStatus.Ringing, ct);
    }

    public static bool IsOpen(IncidentDto i) => i.Status is not ("resolved" or "closed");

    /// <summary>How long an incident has been waiting, in Chinese (分钟/小时/天).</summary>
    public static string Waiting(DateTimeOffset since, DateTimeOffset now)
    {
        var t = now - since;
        if (t.TotalMinutes < 1) return "不到 1 分钟";
        if (t.TotalHours < 1) return $"{(int)t.TotalMinutes} 分钟";
        if (t.TotalDays < 1) return $"{(int)t.TotalHours} 小时 {t.Minutes} 分钟";
        return $"{(int)t.TotalDays} 天";
    }
}
