namespace Yiyang.Modules.GreenChannel;

/// <summary>预约详情: one appointment of the user's organization (either side); the read is audited.</summary>
public sealed class GetAppointment(AuditTrail audit, GreenChannelAccess access, AppointmentMapping mapping)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/appointments/{id:long}", async Task<Ok<AppointmentDto>> (long id, GetAppointment handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(404);

    public async Task<AppointmentDto> HandleAsync(long id, CancellationToken ct, bool audited = true)
    {
        access.DemandStaff();
        var a = await access.Scoped().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw GreenChannelAccess.NoAppointment();
        if (audited) await audit.RecordAsync("greenchannel.read", "greenchannel-appointment", a.Id.ToString(), a.ElderId);
        return (await mapping.ToDtosAsync([a], ct)).Single();
    }
}
