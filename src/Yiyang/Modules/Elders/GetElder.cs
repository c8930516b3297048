namespace Yiyang.Modules.Elders;

/// <summary>服务对象档案: one elder in the user's scope, personal fields masked; every view is audited.</summary>
public sealed class GetElder(YiyangDb db, CurrentUser user, ElderAccess access, RegionCatalog regions, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{id:long}", async Task<Ok<ElderDetail>> (long id, GetElder handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(404);

    public async Task<ElderDetail> HandleAsync(long id, CancellationToken ct)
    {
        // one round trip: the record and its responsible organization's name
        var row = await ElderScope.Apply(db.Elders.AsNoTracking(), user).Where(x => x.Id == id)
                      .Select(x => new { Elder = x, OrgName = db.Organizations.Where(o => o.Id == x.ResponsibleOrganizationId).Select(o => o.Name).FirstOrDefault() })
                      .FirstOrDefaultAsync(ct)
                  ?? throw ElderAccess.NotFound();
        var (e, orgName) = (row.Elder, row.OrgName);
        await audit.RecordAsync("elder.view", "elder", e.Id.ToString(), e.Id, wait: false);
        var contacts = e.ContactsCipher is null ? [] : access.ReadContacts(e.ContactsCipher)
            .Select(c => new ContactView(Masking.Name(c.Name ?? ""), c.Relation, c.Phone is null ? null : Masking.Phone(c.Phone))).ToList();
        return new ElderDetail(e.Id, e.Name, CodeLists.SexName(e.Sex), Masking.BirthDate(e.BirthDate, user), e.AgeOn(clock.ChinaToday()),
            e.IdNumberMasked, e.PhoneMasked, e.AddressMasked, contacts, e.TownshipCode, regions.FullName(e.TownshipCode), e.InsuranceType,
            e.InsuranceType is null ? null : CodeLists.InsuranceTypes.GetValueOrDefault(e.InsuranceType),
            e.HealthCardShown,
            RiskFlagCatalog.Codes(e.Flags), RiskFlagCatalog.Names(e.Flags), e.ResponsibleOrganizationId, orgName,
            e.CreatedAt, e.UpdatedAt, e.Version);
    }
}
