namespace Yiyang.Modules.Elders;

/// <summary>登记服务对象: a new elder; the ID number (GB 11643) is unique in the registry.</summary>
public sealed class RegisterElder(YiyangDb db, CurrentUser user, ElderAccess access, PiiProtector pii, RegionCatalog regions,
    AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/", async Task<Created<ElderDetail>> (ElderInput input, RegisterElder handler, GetElder details, CancellationToken ct) =>
            {
                var elder = await handler.HandleAsync(input, ct);
                return TypedResults.Created($"/api/elders/{elder.Id}", await details.HandleAsync(elder.Id, ct));
            })
            .RequireAuthorization(ElderPolicies.Write)
            .ProducesProblems(400, 409)
            .WithSummary("登记服务对象（身份证号按 GB 11643 校验）");

    public async Task<Elder> HandleAsync(ElderInput input, CancellationToken ct)
    {
        user.Demand(ElderPolicies.Write);
        var v = ElderValidation.Validate(input, regions, clock.ChinaToday(), idRequired: true);
        var orgId = await access.ResolveOrganizationAsync(v.ResponsibleOrganizationId, ct);
        var hash = access.IdHash(v.Id!.Normalized);
        var existing = await db.Elders.AsNoTracking().Where(e => e.IdNumberHash == hash).Select(e => (long?)e.Id).FirstOrDefaultAsync(ct);
        if (existing is { } existingId) throw await access.DuplicateAsync(existingId, ct);

        var elder = ElderRecord.Create(v, orgId, pii, clock.GetUtcNow());
        db.Elders.Add(elder);
        await using var tx = await db.BeginUseCaseTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // registered concurrently by someone else: report the one that won (its id if in scope)
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var winner = await db.Elders.AsNoTracking().Where(x => x.IdNumberHash == hash).Select(x => x.Id).FirstAsync(ct);
            throw await access.DuplicateAsync(winner, ct);
        }
        db.TimelineEvents.Add(access.Event(elder.Id, "elder.registered", "登记为服务对象"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await audit.RecordAsync("elder.create", "elder", elder.Id.ToString(), elder.Id);
        return elder;
    }
}
