namespace Yiyang.Modules.FamilyDoctor;

/// <summary>Validation of a team's (and a package's) name and of a team's members.</summary>
public static class TeamForm
{
    public sealed record Member(string Name, string Role, bool IsLeader, long? UserId);

    public static string ValidName(string? input, string label, FieldErrors errors)
    {
        var name = (input ?? "").Trim();
        if (name.Length < 2) errors.Add("name", $"请填写{label}（至少 2 个字）。");
        else if (name.Length > 50) errors.Add("name", $"{label}最多 50 个字。");
        return name;
    }

    public static List<Member> ValidateMembers(List<TeamMemberInput>? input, FieldErrors errors)
    {
        var result = new List<Member>();
        if (input is null || input.Count == 0)
        {
            errors.Add("members", "团队至少要有一名成员。");
            return result;
        }
        if (input.Count > 30) errors.Add("members", "团队成员最多 30 人。");
        for (var i = 0; i < input.Count; i++)
        {
            var m = input[i];
            var name = (m.Name ?? "").Trim();
            if (name.Length < 2 || name.Length > 50) errors.Add($"members[{i}].name", "请填写成员姓名（2–50 个字）。");
            var role = TeamRoles.Parse(m.Role);
            if (role is null) errors.Add($"members[{i}].role", "请选择成员角色（全科医生、护士、公共卫生人员等）。");
            result.Add(new Member(name, role ?? "", m.IsLeader, m.UserId));
        }
        if (result.Count > 0 && !result.Any(r => r.Role is "general-practitioner" or "village-doctor" or "specialist"))
            errors.Add("members", "团队至少要有一名医生（全科医生、专科医生或乡村医生）。");
        if (result.Count(r => r.IsLeader) > 1) errors.Add("members", "团队只能有一名团队长。");
        return result;
    }

    /// <summary>The name and members of a team input, or the field errors (400).</summary>
    public static (string Name, List<Member> Members) Validate(TeamInput input)
    {
        var errors = new FieldErrors();
        var name = ValidName(input.Name, "团队名称", errors);
        var members = ValidateMembers(input.Members, errors);
        errors.ThrowIfAny();
        return (name, members);
    }

    public static FamilyDoctorTeamMember ToEntity(Member m, string countyCode) =>
        new() { Name = m.Name, Role = m.Role, IsLeader = m.IsLeader, UserId = m.UserId, CountyCode = countyCode };
}
