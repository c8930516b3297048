namespace Yiyang.Modules.Emergency;

/// <summary>派单对象: whom the incident's elder can be sent to (the contracted team, the care home, each contact, a community worker, 120).</summary>
public sealed class GetResponders(EmergencyAccess access, ResponderDirectory responders)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/incidents/{id:long}/responders", async Task<Ok<IReadOnlyList<ResponderOption>>> (long id, GetResponders handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(403, 404)
            .WithSummary("该事件老人的可派单对象：签约家庭医生团队、入住养老机构（inbox=true：进入其待办）、档案联系人（contactIndex）、社区工作人员、120");

    public async Task<IReadOnlyList<ResponderOption>> HandleAsync(long id, CancellationToken ct)
    {
        access.User.Demand(EmergencyPolicies.HandleIncidents);
        var elderId = await access.Incidents().Where(i => i.Id == id).Select(i => (long?)i.ElderId).FirstOrDefaultAsync(ct) ?? throw EmergencyAccess.NoIncident();
        return await responders.ForElderAsync(elderId, ct);
    }
}
