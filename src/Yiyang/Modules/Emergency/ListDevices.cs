using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Emergency;

/// <summary>设备一览: the devices of elders in scope (of one elder when given), bound ones first; whether each is online.</summary>
public sealed class ListDevices(EmergencyAccess access, TimeProvider clock, IOptions<EmergencyOptions> options, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/devices", async Task<Ok<IReadOnlyList<DeviceDto>>> ([FromQuery] long? elderId, ListDevices handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(elderId, ct)))
            .ProducesProblems(400, 403)
            .WithSummary("设备一览（可按老年人筛选）：绑定中的在前，含是否在线、电量");

    public async Task<IReadOnlyList<DeviceDto>> HandleAsync(long? elderId, CancellationToken ct)
    {
        access.User.Demand(EmergencyPolicies.ManageDevices);
        var q = access.Devices().AsNoTracking();
        if (elderId is { } e) q = q.Where(d => d.ElderId == e);
        var rows = await q.OrderBy(d => d.RevokedAt != null).ThenByDescending(d => d.Id).Take(500).ToListAsync(ct);
        await audit.RecordListAsync("emergency.device.list", "emergency-device", elderId?.ToString(System.Globalization.CultureInfo.InvariantCulture), 1,
            rows.Select(d => d.ElderId));
        var now = clock.GetUtcNow();
        return rows.Select(d => ToDto(d, now, options.Value.OfflineGrace)).ToList();
    }

    public static DeviceDto ToDto(EmergencyDevice d, DateTimeOffset now, TimeSpan grace) =>
        new(d.Id, d.ElderId, DeviceRules.Code(d.Kind), DeviceRules.Name(d.Kind), d.Serial, d.InstalledAt, d.HeartbeatSeconds, d.BoundFrom,
            d.RevokedAt, d.RevokeReason, d.LastSeenAt, d.BatteryPercent,
            d.RevokedAt is null && !DeviceRules.IsOffline(d.LastSeenAt ?? d.BoundFrom, d.HeartbeatSeconds, grace, now), d.Version);
}
