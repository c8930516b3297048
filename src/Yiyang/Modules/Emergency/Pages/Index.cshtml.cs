using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Yiyang.Modules.Emergency.Pages;

/// <summary>事件队列: open incidents first, by priority and waiting time, then those settled in the last days.</summary>
[Authorize(Policy = EmergencyPolicies.ReadIncidents)]
public sealed class IndexModel(ListIncidents list, TimeProvider clock) : PageModel
{
    public IReadOnlyList<IncidentDto> Incidents { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        Incidents = await list.HandleAsync(false, ct);
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
