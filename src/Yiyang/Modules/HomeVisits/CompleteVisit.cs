using Yiyang.Modules.FamilyDoctor;

namespace Yiyang.Modules.HomeVisits;

/// <summary>
/// 签退: refused while a planned service is open or before check-in; records notes and the confirmation, and writes the
/// visit's charge lines in the same transaction.
/// </summary>
public sealed class CompleteVisit(YiyangDb db, HomeVisitAccess access, AuditTrail audit, TimeProvider clock, Billing.VisitCharging charging)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/complete", async Task<Ok<VisitDto>> (long id, CompleteInput input, CompleteVisit handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, input, ct)))
            .RequireAuthorization(FamilyDoctorPolicies.Write)
            .ProducesProblems(400, 404, 409)
            .WithSummary("签退完成：须已签到且计划服务均已完成或注明跳过原因（否则 409，openServices 列出未完成项）；记录本人或家属确认");

    private sealed record Completion(ConfirmedBy By, string? Name, string? Relation, string? Notes);

    public async Task<VisitDto> HandleAsync(long id, CompleteInput input, CancellationToken ct)
    {
        var c = Validate(input);
        var (visit, elderName, teamName) = await access.LoadWithNamesForWriteAsync(id, ct);
        if (VisitRules.CompletionBlocker(visit.Status, visit.Services) is { } blocker)
        {
            var code = visit.Status == VisitStatus.Completed ? "visit-completed"
                : visit.Status != VisitStatus.CheckedIn ? "not-checked-in" : "open-services";
            var e = new ConflictException(code, blocker);
            e.Extensions["openServices"] = VisitRules.OpenServices(visit.Services).Select(s => s.ServiceCode).ToArray();
            throw e;
        }
        // the distance prices the 上门服务费: checked before anything is written
        await charging.CheckDistanceAsync(visit.OrganizationId, input.DistanceKm, ct);
        var charges = await CompleteAndChargeAsync(visit, c, input.DistanceKm, ct);
        await AuditAsync(visit, charges);
        // the answer from what was just written (no second read of the visit, its names and its charges)
        var ordered = charges.OrderBy(x => x.Kind == "service-fee").ThenBy(x => x.ItemCode, StringComparer.Ordinal).ToList();
        return HomeVisitMapping.ToDto(visit, elderName, teamName) with { Charges = ordered, PatientTotal = ordered.Sum(x => x.PatientAmount) };
    }

    private static Completion Validate(CompleteInput input)
    {
        var errors = new FieldErrors();
        var by = input.Confirmation?.By?.Trim() switch
        {
            "self" or "本人" => ConfirmedBy.Self,
            "family" or "家属" => ConfirmedBy.Family,
            _ => (ConfirmedBy?)null,
        };
        if (by is null) errors.Add("confirmation.by", "请选择由老人本人（self）还是家属（family）确认。");
        var name = string.IsNullOrWhiteSpace(input.Confirmation?.Name) ? null : input.Confirmation.Name.Trim();
        var relation = string.IsNullOrWhiteSpace(input.Confirmation?.Relation) ? null : input.Confirmation.Relation.Trim();
        if (by == ConfirmedBy.Family && relation is null) errors.Add("confirmation.relation", "家属确认请填写与老人的关系。");
        if (name is { Length: > 50 }) errors.Add("confirmation.name", "确认人姓名最多 50 个字。");
        if (relation is { Length: > 20 }) errors.Add("confirmation.relation", "关系最多 20 个字。");
        var notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        if (notes is { Length: > 500 }) errors.Add("notes", "服务记录最多 500 个字。");
        errors.ThrowIfAny();
        return new Completion(by!.Value, name, relation, notes);
    }

    /// <summary>
    /// Completion and its charge lines in one transaction: the visit row's version lets one completion through; the
    /// charge lines' unique (visit, item) index is the last line of defence against a second set.
    /// </summary>
    private async Task<IReadOnlyList<Billing.ChargeDto>> CompleteAndChargeAsync(HomeVisit visit, Completion c, decimal? distanceKm, CancellationToken ct)
    {
        await using var tx = await db.BeginUseCaseTransactionAsync(ct);
        // every failure below undoes the whole completion, so the saves need no savepoints of their own (two round trips
        // each); the quota slots take their own savepoint where a collision is expected
        db.Database.AutoSavepointsEnabled = false;
        Apply(visit, c, distanceKm);
        IReadOnlyList<Billing.ChargeDto> charges;
        try
        {
            await access.SaveAsync(ct);
            charges = await charging.ChargeAsync(new Billing.VisitToCharge(visit.Id, visit.ElderId, visit.OrganizationId, visit.TownshipCode,
                visit.CountyCode, visit.CompletedOn!.Value, visit.DistanceKm,
                visit.Services.Where(s => s.Status == ServiceStatus.Done).Select(s => (s.ServiceCode, s.ServiceName)).ToList(), access.Actor), ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new ConflictException("visit-completed", "该次上门服务已完成并已计费，不能重复计费。");
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = true;
        }
        await tx.CommitAsync(ct);
        return charges;
    }

    private void Apply(HomeVisit visit, Completion c, decimal? distanceKm)
    {
        var now = AuditLog.Truncate(clock.GetUtcNow()); // whole milliseconds: the answer equals what is stored
        visit.Status = VisitStatus.Completed;
        visit.CheckedOutAt = now;
        visit.CompletedOn = now.ChinaDate();
        visit.Notes = c.Notes;
        visit.ConfirmedBy = c.By;
        visit.ConfirmerName = c.By == ConfirmedBy.Family ? c.Name : null;
        visit.ConfirmerRelation = c.By == ConfirmedBy.Family ? c.Relation : null;
        visit.DistanceKm = distanceKm;
        access.Touch(visit);
        var done = visit.Services.Count(s => s.Status == ServiceStatus.Done);
        var skipped = visit.Services.Count(s => s.Status == ServiceStatus.Skipped);
        access.AddEvent(visit.ElderId, "homecare.visit.completed",
            $"完成{VisitRules.Kind(visit.Source)}：完成服务 {done} 项" + (skipped > 0 ? $"、跳过 {skipped} 项" : "") +
            (visit.Vital is null ? "" : "，已测体征") + (c.By == ConfirmedBy.Self ? "；本人确认" : $"；家属确认（{c.Relation}）"));
    }

    /// <summary>Both entries go to the outbox of the request's transaction, one after the other (one context, one command at a time).</summary>
    private async Task AuditAsync(HomeVisit visit, IReadOnlyList<Billing.ChargeDto> charges)
    {
        await audit.RecordAsync("homecare.visit.complete", "home-visit", visit.Id.ToString(), visit.ElderId);
        if (charges.Count > 0)
            await audit.RecordAsync("billing.charges.create", "home-visit", visit.Id.ToString(), visit.ElderId,
                $"lines={charges.Count};patientTotal={charges.Sum(c => c.PatientAmount):0.00}");
    }
}
