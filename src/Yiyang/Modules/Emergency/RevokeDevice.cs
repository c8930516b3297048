using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Emergency;

public sealed record RevokeDeviceInput(string? Reason, int? Version);

/// <summary>注销设备: ends the binding; the secret stops working at once (401), the records stay.</summary>
public sealed class RevokeDevice(YiyangDb db, TimeProvider clock, AuditTrail audit, EmergencyAccess access, IOptions<EmergencyOptions> options)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/devices/{id:long}/revoke", async Task<Ok<DeviceDto>> (long id, RevokeDeviceInput? input, IfMatch ifMatch, RevokeDevice handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("注销设备（须填 reason）：绑定结束，密钥立即失效；已注销的 409");

    public async Task<DeviceDto> HandleAsync(long id, RevokeDeviceInput? input, int? ifMatch, CancellationToken ct)
    {
        access.User.Demand(EmergencyPolicies.ManageDevices);
        var reason = (input?.Reason ?? "").Trim();
        if (reason.Length is 0 or > 200) throw ValidationFailedException.For("reason", "请填写注销原因（最多 200 个字）。");
        var d = await access.Devices(forWrite: true).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw EmergencyAccess.NoDevice();
        if (ifMatch is not null || input?.Version is not null) Etags.CheckVersion(d.Version, ifMatch, input?.Version);
        if (d.RevokedAt is not null) throw new ConflictException("device-revoked", "该设备已注销。");
        var now = clock.GetUtcNow();
        d.RevokedAt = now;
        d.RevokedBy = access.Actor;
        d.RevokeReason = reason;
        d.UpdatedAt = now;
        d.Version++;
        db.TimelineEvents.Add(Elders.TimelineEvent.Create(d.ElderId, now, "emergency.device.revoked", EmergencyAccess.Module,
            $"注销{DeviceRules.Name(d.Kind)}（序列号 {d.Serial}）：{reason}", access.Actor));
        await db.SaveOrConflictAsync(ct);
        await audit.RecordAsync("emergency.device.revoke", "emergency-device", d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), d.ElderId);
        return ListDevices.ToDto(d, now, options.Value.OfflineGrace);
    }
}
