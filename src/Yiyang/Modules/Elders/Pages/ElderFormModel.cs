using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Elders.Pages;

/// <summary>What the elder form posts (flat, HTML-friendly); turned into the API's <see cref="ElderInput"/>.</summary>
public sealed class ElderForm
{
    public string? Name { get; set; }
    public string? IdNumber { get; set; }
    public string? Phone { get; set; }
    public string? TownshipCode { get; set; }
    public string? Address { get; set; }
    public string? InsuranceType { get; set; }
    public string? HealthCardNo { get; set; }
    public List<string> Flags { get; set; } = [];
    public long? ResponsibleOrganizationId { get; set; }
    public string? ContactName { get; set; }
    public string? ContactRelation { get; set; }
    public string? ContactPhone { get; set; }
    public int Version { get; set; }

    public ElderInput ToInput(List<ContactInput>? keepContacts = null) => new()
    {
        Name = Name,
        IdNumber = IdNumber,
        Phone = Phone,
        TownshipCode = TownshipCode,
        Address = Address,
        InsuranceType = InsuranceType,
        HealthCardNo = HealthCardNo,
        Flags = Flags,
        ResponsibleOrganizationId = ResponsibleOrganizationId,
        Contacts = !string.IsNullOrWhiteSpace(ContactName) || !string.IsNullOrWhiteSpace(ContactPhone)
            ? [new ContactInput(ContactName, ContactRelation, ContactPhone)]
            : keepContacts ?? [],
        Version = Version,
    };
}

/// <summary>Shared by the create and edit pages.</summary>
public abstract class ElderFormModel(YiyangDb db, RegionCatalog regions, CurrentUser me, IOptions<PlatformOptions> platform) : FormPageModel
{
    [BindProperty] public ElderForm Form { get; set; } = new();
    public abstract bool IsEdit { get; }
    /// <summary>Editing: the stored 居民健康卡号, masked, shown as a hint; the field itself starts empty (empty keeps it).</summary>
    public string? HealthCardNoMasked { get; protected set; }
    public List<(string Code, string Label)> Townships { get; private set; } = [];
    public List<(long Id, string Name)> Organizations { get; private set; } = [];

    protected async Task LoadChoicesAsync(CancellationToken ct)
    {
        // townships of the user's region, else of the platform's city
        var root = me.RegionCode is { Length: >= 4 } r ? r : platform.Value.CityCode;
        Townships = regions.TownshipsUnder(root)
            .Select(t => (t.Code, regions.Find(t.ParentCode)?.Name + " " + t.Name)).ToList();
        if (!me.Can(ElderPolicies.OwnOrganizationOnly))
        {
            Organizations = (await db.Organizations.AsNoTracking()
                    .Where(o => o.Kind != Modules.Organizations.OrganizationKind.ElderlyCare)
                    .OrderBy(o => o.TownshipCode).ThenBy(o => o.Name)
                    .Select(o => new { o.Id, o.Name }).ToListAsync(ct))
                .Select(o => (o.Id, o.Name)).ToList();
        }
    }
}
