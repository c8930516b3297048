namespace Yiyang.Modules.GreenChannel;

/// <summary>The green-channel routes, one use case each.</summary>
public static class GreenChannelApi
{
    public static void MapGreenChannel(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/green-channel").WithTags("GreenChannel").RequireAuthorization(GreenChannelPolicies.Use).WithETags();
        CreateQuota.Map(api);
        ChangeQuota.Map(api);
        ListQuotas.Map(api);
        BookAppointment.Map(api);
        ListAppointments.Map(api);
        GetAppointment.Map(api);
        ConfirmAppointment.Map(api);
        RecordAppointmentArrival.Map(api);
        ServeAppointment.Map(api);
        CancelAppointment.Map(api);
    }
}
