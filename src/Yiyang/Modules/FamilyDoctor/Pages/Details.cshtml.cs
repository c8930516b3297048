using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.FamilyDoctor;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.FamilyDoctor.Pages;

[Authorize(Policy = Policies.FamilyDoctorRead)]
public sealed class DetailsModel(FamilyDoctorService service, CurrentUser me, Microsoft.Extensions.Options.IOptions<FamilyDoctorOptions> options) : FormPageModel
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
    public bool CanWrite => Policies.Map[Policies.FamilyDoctorWrite].Contains(me.Role);
    public int RenewalWindowDays => options.Value.RenewalWindowDays;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostTerminateAsync(CancellationToken ct)
    {
        try
        {
            await service.TerminateAsync(Id, new TerminateInput { Reason = Reason, Version = Version }, null, ct);
            TempData["Message"] = "已解约。";
            return Redirect($"/FamilyDoctor/Details/{Id}");
        }
        catch (NotFoundException) { return NotFound(); }
        catch (AppException e) { ActiveForm = "terminate"; Show(e); }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRenewAsync(CancellationToken ct)
    {
        try
        {
            var c = await service.RenewAsync(Id, new RenewInput
            {
                TermYears = TermYears,
                SignedBy = SignedBy,
                ProxyName = ProxyName,
                ProxyRelation = ProxyRelation,
                Version = Version,
            }, null, ct);
            TempData["Message"] = "已续约。";
            return Redirect($"/FamilyDoctor/Details/{c.Id}");
        }
        catch (NotFoundException) { return NotFound(); }
        catch (AppException e) { ActiveForm = "renew"; Show(e); }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            Contract = await service.GetContractAsync(Id, ct);
            Package = await service.GetPackageAsync(Contract.PackageId, ct);
            Team = await service.GetTeamAsync(Contract.TeamId, ct);
            return true;
        }
        catch (NotFoundException) { return false; }
    }
}
