using System.Globalization;

namespace Yiyang.Modules.Emergency;

/// <summary>
/// 来电弹屏: the telephony gateway (its own secret, <see cref="GatewayAuthentication"/>) reports a ringing call; it
/// waits, with the elders its number matches, on the operators' call list of the gateway's region until one answers.
/// </summary>
public sealed class ReceiveIncomingCall(YiyangDb db, TimeProvider clock, CallerDirectory directory, PiiProtector pii, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/calls/incoming", async Task<Created<IncomingCallAccepted>> (IncomingCallInput input, GatewayCaller gateway,
                ReceiveIncomingCall handler, CancellationToken ct) =>
            {
                var a = await handler.HandleAsync(gateway, input, ct);
                return TypedResults.Created($"/api/calls/{a.CallId}", a);
            })
            .ProducesProblems(400, 401, 403)
            .WithSummary("电话网关推送来电（Authorization: Bearer 网关密钥）：callerNumber（可空：未显示号码）、line、at；返回 callId");

    public async Task<IncomingCallAccepted> HandleAsync(GatewayCaller gateway, IncomingCallInput input, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new FieldErrors();
        var number = CallRules.NormalizeNumber(input.CallerNumber, out var numberError);
        if (numberError is not null) errors.Add("callerNumber", numberError);
        var line = (input.Line ?? "").Trim();
        if (!CallRules.IsLine(line)) errors.Add("line", "请填写线路编号（1–32 个字母、数字或符号）。");
        if (input.At is null) errors.Add("at", "请填写来电时间。");
        else if (input.At > now.AddMinutes(10) || input.At < now.AddDays(-1)) errors.Add("at", "来电时间应在过去 24 小时内。");
        errors.ThrowIfAny();
        var call = OpenCall.NewCall(number, line, input.At!.Value.ToUniversalTime(), gateway.Actor, gateway.RegionCode, directory, pii);
        db.Add(call);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsAsync(gateway.Actor, null, "gateway", "emergency.call.incoming", "emergency-call", call.Id.ToString(CultureInfo.InvariantCulture),
            $"line={line}");
        return new IncomingCallAccepted(call.Id);
    }
}
