using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Emergency;

public sealed record DeviceInput(long? ElderId, string? Kind, string? Serial, string? InstalledAt, int? HeartbeatSeconds);

/// <summary>
/// 设备登记: binds a device to an elder in the user's scope and issues its secret, shown only in this answer and
/// stored only as its hash.
/// </summary>
public sealed class RegisterDevice(YiyangDb db, TimeProvider clock, AuditTrail audit, EmergencyAccess access, IOptions<EmergencyOptions> options,
    CallerDirectory callers)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/devices", async Task<Created<DeviceSecretDto>> (DeviceInput input, RegisterDevice handler, CancellationToken ct) =>
            {
                var d = await handler.HandleAsync(input, ct);
                return TypedResults.Created($"/api/devices/{d.Id}", d);
            })
            .ProducesProblems(400, 403, 404, 409)
            .WithSummary("登记设备并绑定老年人；返回设备 id 与密钥（仅此一次显示，只存哈希）。kind：sos-button、fall-detector、bed-exit-mat、smoke-detector、gas-detector、bp-meter、glucose-meter、pulse-oximeter、scale");

    public async Task<DeviceSecretDto> HandleAsync(DeviceInput input, CancellationToken ct)
    {
        access.User.Demand(EmergencyPolicies.ManageDevices);
        var (kind, serial, place) = Validate(input);
        var elder = await access.WritableElderAsync(input.ElderId, ct);
        var now = clock.GetUtcNow();
        var secret = DeviceSecrets.New();
        var heartbeat = input.HeartbeatSeconds ?? DeviceRules.DefaultHeartbeatSeconds(kind);
        var device = new EmergencyDevice
        {
            ElderId = elder.Id,
            Kind = kind,
            Serial = serial,
            InstalledAt = place,
            HeartbeatSeconds = heartbeat,
            SecretHash = DeviceSecrets.Hash(secret),
            BoundFrom = now,
            OfflineAfter = DeviceRules.OfflineAfter(now, heartbeat, options.Value.OfflineGrace),
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            CreatedBy = access.Actor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(device);
        db.TimelineEvents.Add(Elders.TimelineEvent.Create(elder.Id, now, "emergency.device.bound", EmergencyAccess.Module,
            $"绑定{DeviceRules.Name(kind)}（序列号 {serial}）" + (place is null ? "" : $"，安装位置：{place}"), access.Actor));
        await db.SaveOrConflictAsync(ct, onDuplicate: () => new ConflictException("device-bound", $"序列号为 {serial} 的{DeviceRules.Name(kind)}已绑定，请先注销原绑定。"));
        await audit.RecordAsync("emergency.device.register", "emergency-device", device.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), elder.Id,
            $"kind={DeviceRules.Code(kind)}");
        await callers.IndexContactsAsync(elder, ct); // a monitored elder's contacts are known callers
        return new DeviceSecretDto(device.Id, secret);
    }

    private static (DeviceKind Kind, string Serial, string? Place) Validate(DeviceInput input)
    {
        var errors = new FieldErrors();
        if (input.ElderId is null) errors.Add("elderId", "请选择老年人。");
        var kind = DeviceRules.Parse(input.Kind);
        if (kind is null) errors.Add("kind", $"请选择设备类型（{DeviceRules.Codes}）。");
        var serial = (input.Serial ?? "").Trim();
        if (serial.Length is 0 or > 64) errors.Add("serial", "请填写设备序列号（最多 64 个字符）。");
        else if (serial.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')))
            errors.Add("serial", "序列号只能包含字母、数字和 - _ . :。");
        var place = string.IsNullOrWhiteSpace(input.InstalledAt) ? null : input.InstalledAt.Trim();
        if (place is { Length: > 100 }) errors.Add("installedAt", "安装位置最多 100 个字。");
        if (input.HeartbeatSeconds is { } h && h is < 60 or > 604800) errors.Add("heartbeatSeconds", "心跳间隔应在 60 秒至 7 天之间。");
        errors.ThrowIfAny();
        return (kind!.Value, serial, place);
    }
}
