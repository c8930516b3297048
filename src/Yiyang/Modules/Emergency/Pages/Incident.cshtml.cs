using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Emergency.Pages;

/// <summary>One incident: what happened, the steps so far with time and person, and the buttons of the steps open now.</summary>
[Authorize(Policy = EmergencyPolicies.ReadIncidents)]
public sealed class IncidentModel(GetIncident getIncident) : FormPageModel
{
    [FromRoute] public long Id { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? ResponderKind { get; set; }
    [BindProperty] public string? ResponderName { get; set; }
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public int? Version { get; set; }
    public IncidentDto? Incident { get; private set; }

    public static IReadOnlyList<ResponderKind> Responders { get; } = Enum.GetValues<ResponderKind>();
    public static IReadOnlyList<IncidentOutcome> Outcomes { get; } = Enum.GetValues<IncidentOutcome>();

    public bool Can(string action) => Incident?.Actions.Contains(action) == true;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            await LoadAsync(ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }

    private Task<IActionResult> Step(string form, Func<Task> action, string done, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            await action();
            TempData["Message"] = done;
            return Redirect($"/Emergency/Incidents/{Id}");
        }, () => LoadAsync(ct), form);

    private IncidentStepInput Body => new(Note, Version);

    public Task<IActionResult> OnPostAcknowledgeAsync([FromServices] AcknowledgeIncident acknowledge, CancellationToken ct) =>
        Step("acknowledge", () => acknowledge.HandleAsync(Id, Body, null, ct), "已受理该事件。", ct);

    public Task<IActionResult> OnPostDispatchAsync([FromServices] DispatchIncident dispatch, CancellationToken ct) =>
        Step("dispatch", () => dispatch.HandleAsync(Id, new DispatchInput(ResponderKind, ResponderName, Note, Version), null, ct), "已派单。", ct);

    public Task<IActionResult> OnPostOnSceneAsync([FromServices] RecordOnScene onScene, CancellationToken ct) =>
        Step("on-scene", () => onScene.HandleAsync(Id, Body, null, ct), "已登记到场。", ct);

    public Task<IActionResult> OnPostResolveAsync([FromServices] ResolveIncident resolve, CancellationToken ct) =>
        Step("resolve", () => resolve.HandleAsync(Id, new ResolveInput(Outcome, Note, Version), null, ct), "已登记处置结果。", ct);

    public Task<IActionResult> OnPostCloseAsync([FromServices] CloseIncident close, CancellationToken ct) =>
        Step("close", () => close.HandleAsync(Id, Body, null, ct), "事件已关闭。", ct);

    /// <summary>The incident (audited read); a 404 out of scope comes from the handler.</summary>
    private async Task LoadAsync(CancellationToken ct) => Incident = await getIncident.HandleAsync(Id, ct);
}
