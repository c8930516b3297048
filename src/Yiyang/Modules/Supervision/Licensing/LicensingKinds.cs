using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Supervision;

/// <summary>A required document of an application kind: its code (as uploaded) and its Chinese name.</summary>
public sealed record LicenceDocumentType(string Code, string Name);

/// <summary>
/// One kind of licensing or registration application (docs/domain/supervision.md#licensing): the bureau that decides it,
/// the organization kinds that may apply, the required documents, what is issued and which typed bed counts it licenses.
/// </summary>
public sealed record LicensingKind(string Code, string Name, string Bureau, IReadOnlyList<OrganizationKind> OrganizationKinds,
    IReadOnlyList<LicenceDocumentType> Documents, string LicenceName, bool LicensesMedicalBeds, bool LicensesCareBeds);

/// <summary>The code table of application kinds and their required documents (the platform's default lists, documented).</summary>
public static class LicensingKinds
{
    private static readonly LicenceDocumentType Application = new("application", "申请书");
    private static readonly LicenceDocumentType FilingForm = new("filing-form", "备案书（表）");
    private static readonly LicenceDocumentType Premises = new("premises", "场所产权或使用权证明及平面图");
    private static readonly LicenceDocumentType Staff = new("staff", "卫生技术人员名录及资格证明");
    private static readonly LicenceDocumentType Registration = new("registration", "法人登记证书或营业执照");

    private static readonly OrganizationKind[] MedicalOrIntegrated = [OrganizationKind.Medical, OrganizationKind.Integrated];
    private static readonly OrganizationKind[] CareOrIntegrated = [OrganizationKind.ElderlyCare, OrganizationKind.Integrated];

    public static readonly IReadOnlyList<LicensingKind> All =
    [
        new("medical-setup", "医疗机构设置审批", Bureaus.Health, MedicalOrIntegrated,
            [Application, new("feasibility", "可行性研究报告"), new("site", "选址报告和建筑设计平面图")], "设置医疗机构批准书", false, false),
        new("medical-practice", "医疗机构执业登记", Bureaus.Health, MedicalOrIntegrated,
            [Application, Premises, Staff, new("rules", "医疗机构规章制度")], "医疗机构执业许可证", true, false),
        new("medical-change", "医疗机构变更登记", Bureaus.Health, MedicalOrIntegrated,
            [Application, new("licence", "原医疗机构执业许可证"), new("change-proof", "变更事项证明材料")], "医疗机构执业许可证（变更）", true, false),
        new("care-filing", "养老机构备案", Bureaus.CivilAffairs, [OrganizationKind.ElderlyCare],
            [FilingForm, Registration, Premises, new("safety", "消防、食品安全等承诺书")], "养老机构备案回执", false, true),
        new("integrated-approval", "医养结合机构审批", Bureaus.Health, [OrganizationKind.Integrated],
            [Application, Premises, Staff, new("care-capacity", "养老服务能力说明")], "医疗机构执业许可证（医养结合）", true, false),
        new("integrated-filing", "医养结合机构备案", Bureaus.CivilAffairs, [OrganizationKind.Integrated],
            [FilingForm, Registration, new("medical-licence", "医疗机构执业许可证")], "养老机构备案回执（医养结合）", false, true),
        new("inner-medical-filing", "内设医疗机构备案", Bureaus.Health, CareOrIntegrated,
            [FilingForm, Premises, Staff], "内设医疗机构备案回执", false, false),
    ];

    public static LicensingKind? Find(string? code) => All.FirstOrDefault(k => k.Code == code?.Trim());

    public static string Name(string code) => Find(code)?.Name ?? code;

    /// <summary>The kinds a bureau decides.</summary>
    public static IReadOnlyList<string> OfBureau(string? bureau) => [.. All.Where(k => k.Bureau == bureau).Select(k => k.Code)];

    /// <summary>The kinds an organization of this kind may apply for.</summary>
    public static IReadOnlyList<LicensingKind> For(OrganizationKind kind) => [.. All.Where(k => k.OrganizationKinds.Contains(kind))];

    /// <summary>The required documents of the kind that are not among the uploaded document types.</summary>
    public static IReadOnlyList<LicenceDocumentType> Missing(LicensingKind kind, IEnumerable<string> uploaded)
    {
        var have = uploaded.ToHashSet();
        return [.. kind.Documents.Where(d => !have.Contains(d.Code))];
    }
}
