using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Emergency.Pages;

/// <summary>One call, step by step: answer (when ringing), confirm the elder or register the caller, triage by the script of the reason, outcome.</summary>
[Authorize(Policy = EmergencyPolicies.HandleIncidents)]
public sealed class CallModel(GetCall getCall, CallerDirectory directory, AuditTrail audit) : FormPageModel
{
    [FromRoute] public long Id { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public long? ElderId { get; set; }
    [BindProperty] public string? Relation { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public Dictionary<string, string?> Answers { get; set; } = [];
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public CallDto? Call { get; private set; }
    public IReadOnlyList<CallerCandidate> Found { get; private set; } = [];

    public bool Can(string action) => Call?.Actions.Contains(action) == true;

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => PageOrNotFoundAsync(() => LoadAsync(ct));

    private Task<IActionResult> Step(string form, Func<Task> action, string done, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            await action();
            TempData["Message"] = done;
            return Redirect($"/Emergency/Calls/{Id}");
        }, () => LoadAsync(ct), form);

    public Task<IActionResult> OnPostAnswerAsync([FromServices] AnswerCall answer, CancellationToken ct) =>
        Step("answer", () => answer.HandleAsync(Id, Version, null, ct), "已接听。", ct);

    public Task<IActionResult> OnPostMatchAsync([FromServices] MatchCaller match, CancellationToken ct) =>
        Step("match", async () =>
        {
            try
            {
                await match.HandleAsync(Id, new MatchCallerInput(ElderId, Relation, Version), null, ct);
            }
            catch (NotFoundException e) when (ElderId is not null)
            {
                throw ValidationFailedException.For("elderId", e.Message); // beside the field, not a 404 page
            }
        }, "已确认来电人。", ct);

    public Task<IActionResult> OnPostTriageAsync([FromServices] TriageCall triage, CancellationToken ct) =>
        Step("triage-" + Reason, () => triage.HandleAsync(Id, new TriageInput(Reason, Answers, Version), null, ct), "已登记分诊。", ct);

    public Task<IActionResult> OnPostCompleteAsync([FromServices] CompleteCall complete, CancellationToken ct) =>
        Step("complete", () => complete.HandleAsync(Id, new CompleteCallInput(Outcome, Note, Version), null, ct), "来电已结束。", ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Call = await getCall.HandleAsync(Id, ct);
        if (!string.IsNullOrWhiteSpace(Q) && Can("match")) Found = await directory.SearchAsync(Q, audit, ct);
    }
}
