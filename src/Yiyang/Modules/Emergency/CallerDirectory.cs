using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Emergency;

/// <summary>An elder a caller number may belong to: the elder's own number, a contact of the record, or one registered by an operator.</summary>
public sealed record CallerCandidate(long ElderId, string ElderName, int ElderAge, string TownshipCode, string Match, string MatchName, string Relation,
    string? ContactName, long? OpenIncidentId);

/// <summary>
/// Who a caller number belongs to, by the keyed phone hash of the elders' records (<see cref="ElderRecord.PhoneHashPurpose"/>):
/// the elders whose own number it is, and the known callers (<see cref="EmergencyCaller"/>) — contacts indexed from the
/// elder's encrypted record, numbers registered by an operator. Only elders in the user's scope are found.
/// </summary>
public sealed class CallerDirectory(YiyangDb db, PiiProtector pii, CurrentUser user, TimeProvider clock)
{
    public byte[] Hash(string normalized) => pii.Hash(ElderRecord.PhoneHashPurpose, normalized);

    public async Task<IReadOnlyList<CallerCandidate>> CandidatesAsync(byte[]? hash, CancellationToken ct)
    {
        if (hash is null) return [];
        var elders = ElderScope.Apply(db.Elders.AsNoTracking(), user);
        var own = await elders.Where(e => e.PhoneHash == hash).OrderBy(e => e.Id).Take(20).ToListAsync(ct);
        var known = await db.Set<EmergencyCaller>().AsNoTracking().Where(c => c.PhoneHash == hash)
            .Join(elders, c => c.ElderId, e => e.Id, (c, e) => new { Caller = c, Elder = e }).OrderBy(x => x.Caller.Id).Take(20).ToListAsync(ct);
        var ids = own.Select(e => e.Id).Concat(known.Select(k => k.Elder.Id)).Distinct().ToList();
        var open = await db.Set<EmergencyIncident>().AsNoTracking().Where(i => ids.Contains(i.ElderId) && i.Status < IncidentStatus.Resolved)
            .GroupBy(i => i.ElderId).Select(g => new { ElderId = g.Key, Id = g.Max(i => i.Id) }).ToDictionaryAsync(x => x.ElderId, x => x.Id, ct);
        var today = clock.ChinaToday();
        CallerCandidate Of(Elder e, CallerMatch m, string relation, string? contact) => new(e.Id, e.Name, e.AgeOn(today), e.TownshipCode,
            CallRules.MatchCode(m), CallRules.MatchName(m), relation, contact, open.TryGetValue(e.Id, out var i) ? i : null);
        return
        [
            .. own.Select(e => Of(e, CallerMatch.Elder, "本人", null)),
            .. known.Where(k => own.All(e => e.Id != k.Elder.Id)).Select(k => Of(k.Elder, k.Caller.Source, k.Caller.Relation, k.Caller.NameMasked)),
        ];
    }

    /// <summary>
    /// Indexes the contacts of the elder's record (their numbers' keyed hashes, relation, masked name), replacing the
    /// previous index of that record; numbers registered by operators stay. Runs when a device is bound and when a call
    /// is matched to the elder, so the index follows the record of every monitored elder.
    /// </summary>
    public async Task IndexContactsAsync(Elder e, CancellationToken ct)
    {
        var old = await db.Set<EmergencyCaller>().Where(c => c.ElderId == e.Id && c.Source == CallerMatch.Contact).ToListAsync(ct);
        var contacts = e.ContactsCipher is null ? [] : ElderRecord.ReadContacts(e.ContactsCipher, pii);
        var wanted = new Dictionary<string, EmergencyCaller>(StringComparer.Ordinal);
        foreach (var c in contacts)
        {
            var phone = ElderValidation.NormalizePhone(c.Phone, out var error);
            if (phone is null || error is not null) continue;
            var hash = Hash(phone);
            wanted.TryAdd(Convert.ToHexString(hash), new EmergencyCaller
            {
                PhoneHash = hash,
                ElderId = e.Id,
                Source = CallerMatch.Contact,
                Relation = Cut(string.IsNullOrWhiteSpace(c.Relation) ? "联系人" : c.Relation.Trim(), 20),
                NameMasked = string.IsNullOrWhiteSpace(c.Name) ? null : Cut(Masking.Name(c.Name), 20),
                CountyCode = e.CountyCode,
                CreatedAt = clock.GetUtcNow(),
                CreatedBy = user.IsAuthenticated ? user.UserName : "system",
            });
        }
        var registered = await db.Set<EmergencyCaller>().AsNoTracking().Where(c => c.ElderId == e.Id && c.Source == CallerMatch.Registered)
            .Select(c => c.PhoneHash).ToListAsync(ct);
        foreach (var r in registered) wanted.Remove(Convert.ToHexString(r));
        foreach (var o in old)
        {
            if (wanted.Remove(Convert.ToHexString(o.PhoneHash), out var fresh)) (o.Relation, o.NameMasked) = (fresh.Relation, fresh.NameMasked);
            else db.Remove(o);
        }
        db.AddRange(wanted.Values);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Remembers a number an operator registered for the elder (an unknown caller now known).</summary>
    public async Task RememberAsync(byte[] hash, Elder e, string relation, CancellationToken ct)
    {
        var existing = await db.Set<EmergencyCaller>().FirstOrDefaultAsync(c => c.PhoneHash == hash && c.ElderId == e.Id, ct);
        if (existing is not null)
        {
            existing.Relation = relation;
            return;
        }
        db.Add(new EmergencyCaller
        {
            PhoneHash = hash,
            ElderId = e.Id,
            Source = CallerMatch.Registered,
            Relation = relation,
            CountyCode = e.CountyCode,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = user.UserName,
        });
    }

    /// <summary>Elders in scope whose name starts with <paramref name="name"/> (at most 10), for registering an unknown caller; the list read is audited.</summary>
    public async Task<IReadOnlyList<CallerCandidate>> SearchAsync(string name, AuditTrail audit, CancellationToken ct)
    {
        var n = name.Trim();
        if (n.Length is 0 or > 50) return [];
        var today = clock.ChinaToday();
        var rows = await ElderScope.Apply(db.Elders.AsNoTracking(), user).Where(e => e.Name.StartsWith(n)).OrderBy(e => e.Name).ThenBy(e => e.Id).Take(10).ToListAsync(ct);
        await audit.RecordListAsync("emergency.call.elder-search", "elder", null, 1, rows.Select(e => e.Id), "kind=name");
        return [.. rows.Select(e => new CallerCandidate(e.Id, e.Name, e.AgeOn(today), e.TownshipCode, "", "", "", null, null))];
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
