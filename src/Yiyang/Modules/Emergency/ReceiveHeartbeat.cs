using System.Globalization;
using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Emergency;

public sealed record HeartbeatInput(long? DeviceId, int? Battery);

/// <summary>
/// 设备心跳 (device secret): the device is seen (no longer offline) and reports its battery; at or below the low-battery
/// level a low-priority incident opens, one at a time per device.
/// </summary>
public sealed class ReceiveHeartbeat(YiyangDb db, AuditTrail audit, DeviceSignals signals, IncidentOpener opener, IOptions<EmergencyOptions> options)
{
    public static void Map(RouteGroupBuilder devices) =>
        devices.MapPost("/devices/heartbeat", async Task<Ok<HeartbeatAccepted>> (HeartbeatInput input, DeviceCaller caller, ReceiveHeartbeat handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(input, caller, ct)))
            .ProducesProblems(400, 401, 403)
            .WithSummary("设备心跳（设备密钥），可带电量 battery（0–100）；电量低时开立低优先级事件");

    public async Task<HeartbeatAccepted> HandleAsync(HeartbeatInput input, DeviceCaller caller, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (input.DeviceId is null) errors.Add("deviceId", "请提供设备编号 deviceId。");
        if (input.Battery is { } b && b is < 0 or > 100) errors.Add("battery", "电量应在 0–100 之间。");
        errors.ThrowIfAny();
        caller.Demand(input.DeviceId);
        await using var tx = await db.BeginUseCaseTransactionAsync(ct);
        var device = await signals.SeenAsync(caller, input.Battery, ct);
        if (input.Battery is { } level && level <= options.Value.LowBatteryPercent
            && await signals.DeviceProblemAsync(device, IncidentKind.LowBattery, $"{DeviceSignals.Where(device)}电量低：{level}%", caller.Actor, opener, ct) is { } incident)
            await audit.RecordAsAsync(caller.Actor, null, DeviceAuthentication.Role, "emergency.device.low-battery", "emergency-incident",
                incident.Id.ToString(CultureInfo.InvariantCulture), $"device={device.Id}; battery={level}");
        await tx.CommitAsync(ct);
        return new HeartbeatAccepted(device.Id, signals.Now, input.Battery);
    }
}
