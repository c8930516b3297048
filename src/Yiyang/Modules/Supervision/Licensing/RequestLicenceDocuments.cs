namespace Yiyang.Modules.Supervision;

public sealed record DocumentsRequestInput(string? Request);

/// <summary>补正材料: the bureau asks for more documents; by default the clock stops, keeping the working days used.</summary>
public sealed class RequestLicenceDocuments(LicensingTransitions transitions)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/request-documents", async Task<Ok<LicenceApplicationDto>> (long id, DocumentsRequestInput input, IfMatch ifMatch,
                RequestLicenceDocuments handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .RequireAuthorization(SupervisionPolicies.LicensingDecide)
            .ProducesProblems(400, 403, 404, 409, 412, 422)
            .WithSummary("一次性告知补正材料：request（最多 500 字）；按设置停止计时，材料补齐后继续");

    public async Task<LicenceApplicationDto> HandleAsync(long id, DocumentsRequestInput input, int? ifMatch, CancellationToken ct)
    {
        var request = LicensingTransitions.Clean(input.Request);
        if (request is null || request.Length > 500) throw ValidationFailedException.For("request", "请写明需要补正的材料（最多 500 个字）。");
        var a = await transitions.BeginAsync(id, "request-documents", ifMatch, ct);
        var access = transitions.Access;
        var today = access.Today;
        var clock = LicensingRules.Stop(new LicensingClock(a.DaysUsed, a.ClockStartedOn, a.DeadlineOn), today, access.Options.DocumentRequestStopsClock,
            await transitions.CalendarsAsync(a.ClockStartedOn ?? today, ct));
        a.Status = LicensingRules.DocumentsRequested;
        a.DocumentsRequest = request;
        a.DocumentsRequestedOn = today;
        a.DocumentRequests++;
        a.DaysUsed = clock.DaysUsed;
        a.ClockStartedOn = clock.RunningSince;
        a.DeadlineOn = clock.DeadlineOn;
        return await transitions.CommitAsync(a, "request-documents", $"daysUsed={a.DaysUsed}; stopped={clock.RunningSince is null}", ct);
    }
}
