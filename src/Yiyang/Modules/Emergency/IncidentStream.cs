using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Emergency;

/// <summary>What a console is told: which incident or call changed and how; it reads the record itself, within scope.</summary>
public sealed record ConsoleEvent(long Id, string Change, long? IncidentId, long? CallId, int? Priority);

/// <summary>
/// 实时事件流 (server-sent events) for the operators' console (docs/domain/emergency.md#live-console): first a
/// <c>ready</c> event with the current position, then every change to an incident or call in the user's scope, read from
/// <see cref="EmergencyEvent"/> rows that every node writes, so a console on any node hears every node. Reconnecting with
/// <c>Last-Event-ID</c> (or <c>after</c>) replays what was missed. The stream ends itself after
/// <see cref="EmergencyOptions.StreamSeconds"/>; the browser reconnects and resumes.
/// </summary>
public sealed class IncidentStream(YiyangDb db, EmergencyAccess access, CallSteps calls, AuditTrail audit, TimeProvider clock,
    IOptions<EmergencyOptions> options)
{
    public const int MaxPerRound = 500;

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/incidents/stream", ([FromQuery] long? after, [FromHeader(Name = "Last-Event-ID")] string? lastEventId,
                    IncidentStream handler, HttpContext http) =>
                TypedResults.ServerSentEvents(handler.ReadAsync(Resume(lastEventId, after), http.RequestAborted)))
            .ProducesProblems(400, 403)
            .WithSummary("实时事件流（text/event-stream）：先发 ready（当前位置），其后为范围内事件和来电的每次变化；断线重连带 Last-Event-ID 或 after 补发");

    /// <summary>Where to start: the header the browser sends on reconnecting wins over the page's <c>after</c>.</summary>
    public static long? Resume(string? lastEventId, long? after) =>
        long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : after is >= 0 ? after : null;

    public async IAsyncEnumerable<SseItem<ConsoleEvent>> ReadAsync(long? after, [EnumeratorCancellation] CancellationToken ct)
    {
        access.User.Demand(EmergencyPolicies.ReadIncidents);
        var o = options.Value;
        var cursor = new EventCursor(after ?? await LatestAsync(ct));
        await audit.RecordListAsync("emergency.incident.stream", "emergency-incident", null, 1, [], $"after={cursor.Last}");
        var ready = new ConsoleEvent(cursor.Last, "ready", null, null, null);
        yield return new SseItem<ConsoleEvent>(ready, "ready") { EventId = Text(cursor.Last), ReconnectionInterval = TimeSpan.FromSeconds(2) };
        var until = clock.GetUtcNow().AddSeconds(o.StreamSeconds);
        var lastSent = clock.GetUtcNow();
        while (!ct.IsCancellationRequested && clock.GetUtcNow() < until)
        {
            var batch = await RoundAsync(cursor, ct);
            foreach (var e in batch)
            {
                yield return new SseItem<ConsoleEvent>(e, e.IncidentId is null ? "call" : "incident") { EventId = Text(e.Id) };
                lastSent = clock.GetUtcNow();
            }
            if (clock.GetUtcNow() - lastSent > TimeSpan.FromSeconds(15))
            {
                yield return new SseItem<ConsoleEvent>(new ConsoleEvent(cursor.Last, "ping", null, null, null), "ping") { EventId = Text(cursor.Last) };
                lastSent = clock.GetUtcNow();
            }
            if (batch.Count < MaxPerRound && !await PauseAsync(o.StreamPollMilliseconds, ct)) yield break;
        }
    }

    private async Task<long> LatestAsync(CancellationToken ct) =>
        await db.Set<EmergencyEvent>().MaxAsync(e => (long?)e.Id, ct) ?? 0;

    /// <summary>One round: the new rows and the holes that have appeared, filtered to the user's scope (others only move the cursor).</summary>
    private async Task<List<ConsoleEvent>> RoundAsync(EventCursor cursor, CancellationToken ct)
    {
        var last = cursor.Last;
        var holes = cursor.Holes.ToList();
        var rows = await db.Set<EmergencyEvent>().AsNoTracking()
            .Where(e => e.Id > last || holes.Contains(e.Id)).OrderBy(e => e.Id).Take(MaxPerRound)
            .Select(e => new ConsoleEvent(e.Id, e.Change, e.IncidentId, e.CallId, e.Priority)).ToListAsync(ct);
        cursor.Advance(rows.Select(r => r.Id), clock.GetUtcNow());
        if (rows.Count == 0) return rows;
        var incidentIds = rows.Where(r => r.IncidentId is not null).Select(r => r.IncidentId!.Value).Distinct().ToList();
        var seen = incidentIds.Count == 0 ? [] : (await access.Incidents().Where(i => incidentIds.Contains(i.Id)).Select(i => i.Id).ToListAsync(ct)).ToHashSet();
        var callIds = rows.Where(r => r.CallId is not null).Select(r => r.CallId!.Value).Distinct().ToList();
        var heard = callIds.Count == 0 || !access.User.Can(EmergencyPolicies.HandleIncidents)
            ? []
            : (await calls.Calls().Where(c => callIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        return [.. rows.Where(r => r.IncidentId is { } i ? seen.Contains(i) : heard.Contains(r.CallId!.Value))];
    }

    private static async Task<bool> PauseAsync(int milliseconds, CancellationToken ct)
    {
        try
        {
            await Task.Delay(Math.Clamp(milliseconds, 50, 10_000), ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
