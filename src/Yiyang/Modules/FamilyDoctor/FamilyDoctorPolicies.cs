namespace Yiyang.Modules.FamilyDoctor;

/// <summary>Permissions of the FamilyDoctor module (roles in <see cref="FamilyDoctorModule.PolicyRoles"/>).</summary>
public static class FamilyDoctorPolicies
{
    /// <summary>Reads teams, packages and contracts.</summary>
    public const string Read = "family-doctor.read";

    /// <summary>Manages teams and packages and signs contracts.</summary>
    public const string Write = "family-doctor.write";
}
