namespace Yiyang.Modules.Organizations;

/// <summary>
/// Which kinds of organization each bureau keeps in the registry (docs/domain/institutions.md#who-edits-the-registry):
/// the health bureau medical institutions, the civil-affairs bureau care homes, both the 医养结合 institutions (each
/// licenses its part); the medical-insurance bureau none (it designates, it does not register).
/// </summary>
public static class OrganizationBureaus
{
    public static IReadOnlySet<OrganizationKind> Kinds(string? bureau) => bureau switch
    {
        Bureaus.Health => new HashSet<OrganizationKind> { OrganizationKind.Medical, OrganizationKind.Integrated },
        Bureaus.CivilAffairs => new HashSet<OrganizationKind> { OrganizationKind.ElderlyCare, OrganizationKind.Integrated },
        _ => new HashSet<OrganizationKind>(),
    };

    public static bool Supervises(string? bureau, OrganizationKind kind) => Kinds(bureau).Contains(kind);

    /// <summary>The refusal a regulator gets for a kind outside the bureau's.</summary>
    public static string Refusal(string? bureau) => bureau switch
    {
        Bureaus.Health => "卫生健康部门只能登记或修改医疗机构和医养结合机构。",
        Bureaus.CivilAffairs => "民政部门只能登记或修改养老机构和医养结合机构。",
        _ => "医疗保障部门不登记或修改机构信息（医保定点由机构登记部门录入）。",
    };
}
