namespace Yiyang.Modules.Sickbeds;

/// <summary>The routes of family sickbeds: one use case each.</summary>
public static class SickbedsApi
{
    public static void MapSickbeds(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/sickbeds").WithTags("Sickbeds").RequireAuthorization(SickbedPolicies.Read).WithETags();

        ApplyForSickbed.Map(g);
        ListSickbeds.Map(g);
        ListSickbedAlerts.Map(g);
        GetSickbed.Map(g);

        ApproveSickbed.Map(g);
        RejectSickbed.Map(g);
        OpenSickbed.Map(g);
        RenewSickbed.Map(g);
        CloseSickbed.Map(g);

        AddSickbedRound.Map(g);
        AddSickbedOrder.Map(g);
        StopSickbedOrder.Map(g);
        AddSickbedNursingRecord.Map(g);
    }
}
