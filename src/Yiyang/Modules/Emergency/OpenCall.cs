using System.Globalization;

namespace Yiyang.Modules.Emergency;

/// <summary>
/// 新建来电: an operator opens a call by the caller's number (withheld: empty) and takes it at once; the answer lists
/// the elders the number belongs to (the keyed phone hash), for the operator to confirm.
/// </summary>
public sealed class OpenCall(YiyangDb db, CallSteps steps, CallerDirectory directory, PiiProtector pii, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/calls", async Task<Created<CallDto>> (CallInput input, OpenCall handler, CancellationToken ct) =>
            {
                var c = await handler.HandleAsync(input, ct);
                return TypedResults.Created($"/api/calls/{c.Id}", c);
            })
            .ProducesProblems(400, 403)
            .WithSummary("坐席按来电号码新建来电（通话中），返回号码匹配到的老年人（本人、档案联系人、已登记号码）");

    public async Task<CallDto> HandleAsync(CallInput input, CancellationToken ct)
    {
        steps.User.Demand(EmergencyPolicies.HandleIncidents);
        var errors = new FieldErrors();
        var number = CallRules.NormalizeNumber(input.CallerNumber, out var numberError);
        if (numberError is not null) errors.Add("callerNumber", numberError);
        var line = string.IsNullOrWhiteSpace(input.Line) ? null : input.Line.Trim();
        if (line is not null && !CallRules.IsLine(line)) errors.Add("line", "线路编号为 1–32 个字母、数字或符号。");
        errors.ThrowIfAny();
        var now = steps.Now;
        var call = NewCall(number, line, now, steps.Actor, steps.User.RegionCode ?? "", directory, pii);
        call.Status = CallStatus.Open;
        (call.AnsweredAt, call.AnsweredBy) = (now, steps.Actor);
        db.Add(call);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("emergency.call.open", "emergency-call", call.Id.ToString(CultureInfo.InvariantCulture), null,
            call.CallerHash is null ? "caller=withheld" : "caller=" + Convert.ToHexStringLower(call.CallerHash));
        return await steps.ToDtoAsync(call, ct);
    }

    /// <summary>A new call record: the number only encrypted, hashed (the elders' phone hash) and masked.</summary>
    public static EmergencyCall NewCall(string? number, string? line, DateTimeOffset at, string by, string region, CallerDirectory directory, PiiProtector pii) => new()
    {
        CallerCipher = number is null ? null : pii.Encrypt(number),
        CallerHash = number is null ? null : directory.Hash(number),
        CallerMasked = number is null ? null : Masking.Phone(number),
        Line = line,
        OpenedBy = by,
        Status = CallStatus.Ringing,
        ReceivedAt = at,
        RegionCode = region,
        UpdatedAt = at,
    };
}
