using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Dashboard.Pages;

public sealed class IndexModel(CurrentUser me, CountElders elders, YiyangDb db, RegionCatalog regions) : PageModel
{
    public CurrentUser Me => me;
    public ElderStats? Stats { get; private set; }
    public int? NonCompliantOrganizations { get; private set; }
    public string? ScopeText { get; private set; }
    public JsonSerializerOptions Json { get; } = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public async Task OnGetAsync(CancellationToken ct)
    {
        ScopeText = me.RegionCode is { } r ? regions.FullName(r)
            : me.OrganizationId is { } o ? await db.Organizations.Where(x => x.Id == o).Select(x => x.Name).FirstOrDefaultAsync(ct)
            : me.Can(ElderPolicies.AllElders) ? "全部" : null;
        if (me.Can(ElderPolicies.Read)) Stats = await elders.HandleAsync(ct);
        if (me.Can(OrganizationPolicies.Compliance))
        {
            var region = me.RegionCode ?? "";
            NonCompliantOrganizations = await db.Organizations.CountAsync(x => x.TownshipCode.StartsWith(region)
                && x.Kind == OrganizationKind.ElderlyCare && !x.HasMedicalRoom
                && x.ElderCareBeds + x.NursingBeds + x.MedicalBeds + x.HospiceBeds >= Organization.MedicalRoomBedThreshold, ct);
        }
    }
}
