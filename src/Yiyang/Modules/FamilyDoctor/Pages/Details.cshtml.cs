using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.FamilyDoctor;

namespace Yiyang.Modules.FamilyDoctor.Pages;

[Authorize(Policy = FamilyDoctorPolicies.Read)]
public sealed class DetailsModel(
    GetContract getContract, GetPackage getPackage, GetTeam getTeam, TerminateContract terminate, RenewContract renew, CurrentUser me,
    Microsoft.Extensions.Options.IOptions<FamilyDoctorOptions> options) : FormPageModel
{
    [FromRoute] public long Id { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int? TermYears { get; set; } = ContractRules.DefaultTermYears;
    [BindProperty] public string SignedBy { get; set; } = "self";
    [BindProperty] public string? ProxyName { get; set; }
    [BindProperty] public string? ProxyRelation { get; set; }
    public ContractDto? Contract { get; private set; }
    public PackageDto? Package { get; private set; }
    public TeamDto? Team { get; private set; }
    public bool CanWrite => me.Can(FamilyDoctorPolicies.Write);
    public int RenewalWindowDays => options.Value.RenewalWindowDays;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostTerminateAsync(CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            await terminate.HandleAsync(Id, new TerminateInput { Reason = Reason, Version = Version }, null, ct);
            TempData["Message"] = "已解约。";
            return Redirect($"/FamilyDoctor/Details/{Id}");
        }, () => LoadAsync(ct), "terminate");

    public Task<IActionResult> OnPostRenewAsync(CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var c = await renew.HandleAsync(Id, new RenewInput
            {
                TermYears = TermYears,
                SignedBy = SignedBy,
                ProxyName = ProxyName,
                ProxyRelation = ProxyRelation,
                Version = Version,
            }, null, ct);
            TempData["Message"] = "已续约。";
            return Redirect($"/FamilyDoctor/Details/{c.Id}");
        }, () => LoadAsync(ct), "renew");

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            Contract = await getContract.HandleAsync(Id, ct);
            Package = await getPackage.HandleAsync(Contract.PackageId, ct);
            Team = await getTeam.HandleAsync(Contract.TeamId, ct);
            return true;
        }
        catch (NotFoundException) { return false; }
    }
}
