namespace Yiyang.Platform.Security;

/// <summary>
/// The platform's roles. The three administrators are kept separate (三员分立): the platform admin configures the
/// system and reads no personal or clinical data, the security admin manages the business accounts, the audit admin
/// reads the audit trail. The three are created only on the server console (docs/domain/roles.md). City-wide business
/// work is the city operator's (市级业务管理员).
/// </summary>
public static class Roles
{
    public const string PlatformAdmin = "platform-admin";
    public const string SecurityAdmin = "security-admin";
    public const string AuditAdmin = "audit-admin";
    public const string Regulator = "regulator";
    public const string Inspector = "inspector";
    public const string Doctor = "doctor";
    public const string Nurse = "nurse";
    public const string Caregiver = "caregiver";
    public const string InstitutionAdmin = "institution-admin";
    public const string CallOperator = "call-operator";
    public const string CityOperator = "city-operator";

    public static readonly IReadOnlyList<string> All =
        [PlatformAdmin, SecurityAdmin, AuditAdmin, CityOperator, Regulator, Inspector, Doctor, Nurse, Caregiver, InstitutionAdmin, CallOperator];

    /// <summary>The three administrators (三员): created and changed only on the server console, never through the API or pages.</summary>
    public static readonly IReadOnlyList<string> Administrators = [PlatformAdmin, SecurityAdmin, AuditAdmin];

    /// <summary>The business roles: the accounts the security admin creates and manages.</summary>
    public static readonly IReadOnlyList<string> Business = [.. All.Except(Administrators)];

    /// <summary>Roles bound to one organization.</summary>
    public static readonly IReadOnlyList<string> InstitutionStaff = [Doctor, Nurse, Caregiver, InstitutionAdmin];

    /// <summary>Roles bound to a region.</summary>
    public static readonly IReadOnlyList<string> RegionBound = [Regulator, Inspector, CallOperator, CityOperator];

    /// <summary>Roles that belong to a bureau (<see cref="Bureaus"/>): the regulators and the inspectors (监督员) of 双随机 inspections.</summary>
    public static readonly IReadOnlyList<string> BureauBound = [Regulator, Inspector];

    public static string DisplayName(string role) => role switch
    {
        PlatformAdmin => "平台管理员",
        SecurityAdmin => "安全管理员",
        AuditAdmin => "审计管理员",
        Regulator => "监管人员",
        Inspector => "监督员",
        Doctor => "医生",
        Nurse => "护士",
        Caregiver => "护理员",
        InstitutionAdmin => "机构管理员",
        CallOperator => "呼叫中心坐席",
        CityOperator => "市级业务管理员",
        _ => role,
    };

    public static bool IsKnown(string role) => All.Contains(role);

    public static bool IsAdministrator(string? role) => role is not null && Administrators.Contains(role);
}

/// <summary>The three bureaus a regulator or an inspector can belong to.</summary>
public static class Bureaus
{
    public const string Health = "health";
    public const string CivilAffairs = "civil-affairs";
    public const string Insurance = "insurance";

    public static readonly IReadOnlyList<string> All = [Health, CivilAffairs, Insurance];

    public static string DisplayName(string? bureau) => bureau switch
    {
        Health => "卫生健康委",
        CivilAffairs => "民政局",
        Insurance => "医疗保障局",
        _ => "",
    };
}

/// <summary>Named authorization policies: each endpoint requires one.</summary>
public static class Policies
{
    public const string AnyUser = "any-user";

    /// <summary>Every policy → the roles that hold it: <see cref="AnyUser"/> here, the others from the modules that define them.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Map = BuildMap();

    private static Dictionary<string, string[]> BuildMap()
    {
        var map = new Dictionary<string, string[]> { [AnyUser] = [.. Roles.All] };
        foreach (var module in Web.ModuleRegistry.All)
        {
            foreach (var (policy, roles) in module.PolicyRoles)
                map.Add(policy, roles); // a policy defined twice is a wiring error: it fails at start-up
        }
        return map;
    }

    /// <summary>Whether a role holds a policy; an unknown policy is held by no one.</summary>
    public static bool Allows(string policy, string role) => Map.TryGetValue(policy, out var roles) && roles.Contains(role);

    /// <summary>
    /// Which roles may see a personal field in clear (after giving a reason, audited). The platform admin never; the
    /// city operator the contact fields (to arrange services city-wide, like the call centre), not the identifiers.
    /// </summary>
    public static bool MayReveal(string role, string field) => field switch
    {
        "idNumber" or "healthCardNo" => role is Roles.Doctor or Roles.Nurse or Roles.InstitutionAdmin,
        "phone" or "address" or "contacts" => role is Roles.Doctor or Roles.Nurse
            or Roles.InstitutionAdmin or Roles.Caregiver or Roles.CallOperator or Roles.CityOperator,
        _ => false,
    };
}
