using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Emergency.Pages;

/// <summary>One incident: what happened, the steps so far with time and person, and the buttons of the steps open now.</summary>
[Authorize(Policy = EmergencyPolicies.ReadIncidents)]
public sealed class IncidentModel(GetIncident getIncident, GetResponders getResponders, GetElderCard getCard, ListIncidentNotifications notifications) : FormPageModel
{
    [FromRoute] public long Id { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? ResponderKind { get; set; }
    [BindProperty] public string? ResponderName { get; set; }
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public int? Version { get; set; }
    public IncidentDto? Incident { get; private set; }
    /// <summary>The elder's actual responders, and a free-text choice for a team or home the records do not name.</summary>
    public IReadOnlyList<ResponderOption> ResponderOptions { get; private set; } = [];
    /// <summary>老人信息卡 (address and phones in full while the incident is open).</summary>
    public ElderCard? Card { get; private set; }
    /// <summary>家属通知 queued and sent for this incident.</summary>
    public IReadOnlyList<IncidentNotificationDto> Notifications { get; private set; } = [];

    public static IReadOnlyList<IncidentOutcome> Outcomes { get; } = Enum.GetValues<IncidentOutcome>();

    public bool Can(string action) => Incident?.Actions.Contains(action) == true;

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => PageOrNotFoundAsync(() => LoadAsync(ct));

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
        Step("dispatch", () =>
        {
            // a contact is chosen as "family-contact:<index>"
            var parts = (ResponderKind ?? "").Split(':', 2);
            int? contact = parts.Length == 2 && int.TryParse(parts[1], out var i) ? i : null;
            return dispatch.HandleAsync(Id, new DispatchInput(parts[0], ResponderName, Note, Version, contact), null, ct);
        }, "已派单。", ct);

    public Task<IActionResult> OnPostOnSceneAsync([FromServices] RecordOnScene onScene, CancellationToken ct) =>
        Step("on-scene", () => onScene.HandleAsync(Id, Body, null, ct), "已登记到场。", ct);

    public Task<IActionResult> OnPostResolveAsync([FromServices] ResolveIncident resolve, CancellationToken ct) =>
        Step("resolve", () => resolve.HandleAsync(Id, new ResolveInput(Outcome, Note, Version), null, ct), "已登记处置结果。", ct);

    public Task<IActionResult> OnPostCloseAsync([FromServices] CloseIncident close, CancellationToken ct) =>
        Step("close", () => close.HandleAsync(Id, Body, null, ct), "事件已关闭。", ct);

    /// <summary>The incident (audited read); a 404 out of scope comes from the handler.</summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        Incident = await getIncident.HandleAsync(Id, ct);
        Card = await getCard.HandleAsync(Id, ct);
        Notifications = await notifications.HandleAsync(Id, ct);
        if (!Can("dispatch")) return;
        var options = (await getResponders.HandleAsync(Id, ct)).ToList();
        foreach (var k in new[] { Emergency.ResponderKind.FamilyDoctorTeam, Emergency.ResponderKind.CareHome })
        {
            var code = IncidentRules.ResponderCode(k);
            if (options.All(o => o.Kind != code)) options.Insert(0, new ResponderOption(code, IncidentRules.ResponderName(k), null, null, null, false));
        }
        ResponderOptions = options;
    }

    /// <summary>How a responder is offered: the kind, whom the records name, and whether it goes to an inbox or needs a name.</summary>
    public static string Label(ResponderOption o) => o.KindName + (o.Name is null ? "" : "：" + o.Name)
        + (o.Inbox ? "（进入其待办）" : o.Name is null && o.Kind is "family-doctor-team" or "care-home" ? "（档案中没有，请填写名称）" : "");
}
