using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiyang.Modules.FamilyDoctor;

namespace Yiyang.Modules.FamilyDoctor.Pages;

/// <summary>Teams and service packages (staff see their own organization's). They are created through the API for now.</summary>
[Authorize(Policy = FamilyDoctorPolicies.Read)]
public sealed class TeamsModel(ListTeams listTeams, ListPackages listPackages) : PageModel
{
    public IReadOnlyList<TeamDto> Teams { get; private set; } = [];
    public IReadOnlyList<PackageDto> Packages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Teams = await listTeams.HandleAsync(null, ct);
        Packages = await listPackages.HandleAsync(null, ct);
    }
}
