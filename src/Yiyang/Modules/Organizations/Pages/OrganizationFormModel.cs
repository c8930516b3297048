using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Organizations.Pages;

/// <summary>What the organization form posts; turned into the API's <see cref="OrganizationInput"/>.</summary>
public sealed class OrganizationForm
{
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public string? MedicalType { get; set; }
    public string? CareType { get; set; }
    public string? Level { get; set; }
    public string? CreditCode { get; set; }
    public string? MedicalLicenceNo { get; set; }
    public string? CareLicenceNo { get; set; }
    public string? TownshipCode { get; set; }
    public string? Address { get; set; }
    public string? Phone { get; set; }
    public bool InsuranceDesignated { get; set; }
    public bool HasGeriatricsDept { get; set; }
    public bool HasTcmHall { get; set; }
    public bool HasMedicalRoom { get; set; }
    public int? ElderCareBeds { get; set; }
    public int? NursingBeds { get; set; }
    public int? MedicalBeds { get; set; }
    public int? HospiceBeds { get; set; }
    public int Version { get; set; }

    public OrganizationInput ToInput(bool withVersion) => new()
    {
        Name = Name,
        Kind = Kind,
        MedicalType = MedicalType,
        CareType = CareType,
        Level = Level,
        CreditCode = CreditCode,
        MedicalLicenceNo = MedicalLicenceNo,
        CareLicenceNo = CareLicenceNo,
        TownshipCode = TownshipCode,
        Address = Address,
        Phone = Phone,
        InsuranceDesignated = InsuranceDesignated,
        HasGeriatricsDept = HasGeriatricsDept,
        HasTcmHall = HasTcmHall,
        HasMedicalRoom = HasMedicalRoom,
        ElderCareBeds = ElderCareBeds,
        NursingBeds = NursingBeds,
        MedicalBeds = MedicalBeds,
        HospiceBeds = HospiceBeds,
        Version = withVersion ? Version : null,
    };

    public static OrganizationForm From(OrganizationDto d) => new()
    {
        Name = d.Name,
        Kind = d.Kind,
        MedicalType = d.MedicalType,
        CareType = d.CareType,
        Level = d.Level,
        CreditCode = d.CreditCode,
        MedicalLicenceNo = d.MedicalLicenceNo,
        CareLicenceNo = d.CareLicenceNo,
        TownshipCode = d.TownshipCode,
        Address = d.Address,
        Phone = d.Phone,
        InsuranceDesignated = d.InsuranceDesignated,
        HasGeriatricsDept = d.HasGeriatricsDept,
        HasTcmHall = d.HasTcmHall,
        HasMedicalRoom = d.HasMedicalRoom,
        ElderCareBeds = d.Beds.ElderCare,
        NursingBeds = d.Beds.Nursing,
        MedicalBeds = d.Beds.Medical,
        HospiceBeds = d.Beds.Hospice,
        Version = d.Version,
    };
}

/// <summary>Choice lists shared by the organization pages.</summary>
public static class OrganizationChoices
{
    public static readonly IReadOnlyList<(string Code, string Name)> Kinds =
        [("medical", "医疗卫生机构"), ("elderly-care", "养老机构"), ("integrated", "医养结合机构")];
}

/// <summary>Shared by the create and edit pages.</summary>
public abstract class OrganizationFormModel(RegionCatalog regions, IOptions<PlatformOptions> platform) : FormPageModel
{
    [BindProperty] public OrganizationForm Form { get; set; } = new();
    public abstract bool IsEdit { get; }
    public IReadOnlyList<Region> Townships => regions.ChildrenOf(platform.Value.DistrictCode);

    private static readonly (string Prop, string Field)[] Beds =
        [("ElderCareBeds", "elderCareBeds"), ("NursingBeds", "nursingBeds"), ("MedicalBeds", "medicalBeds"), ("HospiceBeds", "hospiceBeds")];

    /// <summary>What to put back in a number box: the typed text when it could not be read as a number.</summary>
    public string? Shown(string prop, int? value) =>
        ModelState.TryGetValue("Form." + prop, out var e) && e.Errors.Count > 0 ? e.AttemptedValue : value?.ToString();

    /// <summary>True when the record changed since the form was opened (the page offers to reload it).</summary>
    public bool StaleVersion { get; private set; }

    /// <summary>Shows a service error; a duplicate credit code goes beside its field, a version conflict above the form.</summary>
    protected void ShowError(AppException e)
    {
        Show(e);
        switch (e)
        {
            case ConflictException { Code: "duplicate-credit-code" }:
                FieldErrors["creditCode"] = e.Message;
                FormError = "提交的信息有误，请按红色提示修改后再提交。";
                break;
            case ConflictException { Code: "concurrency" }:
                StaleVersion = true;
                break;
        }
    }

    /// <summary>Bed counts that are not whole numbers never reach the service (binding leaves them empty): report them here.</summary>
    protected bool CheckBinding()
    {
        foreach (var (prop, field) in Beds)
            if (ModelState.TryGetValue("Form." + prop, out var e) && e.Errors.Count > 0)
                FieldErrors[field] = "床位数应为 0–100000 的整数。";
        if (FieldErrors.Count == 0) return true;
        FormError = "提交的信息有误，请按红色提示修改后再提交。";
        return false;
    }
}
