using Yiyang.Modules.Elders;
using Yiyang.Modules.FamilyDoctor;
using Yiyang.Modules.Institutions;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Emergency;

/// <summary>
/// Whom an incident of an elder can be sent to: the family-doctor team of the contract in force, the care home of an open
/// stay (both organizations whose staff get the task in their inbox), each contact of the elder's record (by phone), a
/// community worker and 120 (hand-offs).
/// </summary>
public sealed record ResponderOption(string Kind, string KindName, string? Name, long? OrganizationId, int? ContactIndex, bool Inbox)
{
    /// <summary>The value of the option on the incident page: the kind, or the kind and the contact's index.</summary>
    public string Value => ContactIndex is { } i ? $"{Kind}:{i}" : Kind;
}

/// <summary>Reads the elder's actual responders from the family-doctor contracts, the institution stays and the elder's record.</summary>
public sealed class ResponderDirectory(YiyangDb db, PiiProtector pii, TimeProvider clock)
{
    public async Task<IReadOnlyList<ResponderOption>> ForElderAsync(long elderId, CancellationToken ct)
    {
        var today = clock.ChinaToday();
        var team = await db.Set<FamilyDoctorContract>().AsNoTracking()
            .Where(c => c.ElderId == elderId && c.Status == ContractStatus.Active && c.StartDate <= today && c.EndDate >= today)
            .Join(db.Set<FamilyDoctorTeam>(), c => c.TeamId, t => t.Id, (c, t) => new { t.Name, t.OrganizationId }).FirstOrDefaultAsync(ct);
        var home = await db.Set<InstitutionStay>().AsNoTracking().Where(s => s.ElderId == elderId && s.DischargedOn == null)
            .Join(db.Set<Organization>(), s => s.OrganizationId, o => o.Id, (s, o) => new { o.Name, o.Id }).FirstOrDefaultAsync(ct);
        var cipher = await db.Elders.AsNoTracking().Where(e => e.Id == elderId).Select(e => e.ContactsCipher).FirstOrDefaultAsync(ct);
        var contacts = cipher is null ? [] : ElderRecord.ReadContacts(cipher, pii);
        var options = new List<ResponderOption>();
        string Code(ResponderKind k) => IncidentRules.ResponderCode(k);
        string Name(ResponderKind k) => IncidentRules.ResponderName(k);
        if (team is not null) options.Add(new(Code(ResponderKind.FamilyDoctorTeam), Name(ResponderKind.FamilyDoctorTeam), team.Name, team.OrganizationId, null, true));
        if (home is not null) options.Add(new(Code(ResponderKind.CareHome), Name(ResponderKind.CareHome), home.Name, home.Id, null, true));
        for (var i = 0; i < contacts.Count; i++)
        {
            var c = contacts[i];
            var who = $"{c.Relation ?? "联系人"} {(string.IsNullOrWhiteSpace(c.Name) ? "" : Masking.Name(c.Name))}".Trim();
            options.Add(new(Code(ResponderKind.FamilyContact), Name(ResponderKind.FamilyContact), who, null, i, false));
        }
        options.Add(new(Code(ResponderKind.CommunityWorker), Name(ResponderKind.CommunityWorker), null, null, null, false));
        options.Add(new(Code(ResponderKind.Ambulance120), Name(ResponderKind.Ambulance120), null, null, null, false));
        return options;
    }
}
