namespace Yiyang.Modules.HealthManagement;

/// <summary>登记疫苗接种: a flu or pneumococcal vaccination of an elder in scope.</summary>
public sealed class RecordVaccination(YiyangDb db, CurrentUser user, HealthManagementAccess access, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/", async Task<Created<VaccinationDto>> (VaccinationInput input, RecordVaccination handler, CancellationToken ct) =>
            {
                var dto = await handler.HandleAsync(input, ct);
                return TypedResults.Created($"/api/vaccinations?elderId={dto.ElderId}", dto);
            })
            .RequireAuthorization(HealthManagementPolicies.Write).ProducesProblems(400, 404, 409)
            .WithSummary("登记疫苗接种：flu 流感疫苗、ppsv23、pcv13，接种日期");

    public async Task<VaccinationDto> HandleAsync(VaccinationInput input, CancellationToken ct)
    {
        access.RequireWriter();
        var elder = await access.ScopedElderAsync(input.ElderId, ct, forWrite: true);
        var errors = new FieldErrors();
        var vaccine = FollowupRules.Parse(FollowupRules.Vaccines, input.Vaccine);
        if (vaccine is null) errors.Add("vaccine", "请选择疫苗：流感疫苗、23 价肺炎球菌多糖疫苗或 13 价肺炎球菌结合疫苗。");
        access.CheckDate(errors, "vaccinatedOn", input.VaccinatedOn, "接种日期");
        var notes = Masking.Scrub((input.Notes ?? "").Trim());
        if (notes.Length > 200) errors.Add("notes", "备注最多 200 个字。");
        errors.ThrowIfAny();
        var v = new Vaccination
        {
            ElderId = elder.Id,
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            Vaccine = vaccine!,
            VaccinatedOn = input.VaccinatedOn!.Value,
            Notes = notes.Length == 0 ? null : notes,
            OrganizationId = user.OrganizationId,
            CreatedBy = access.Actor,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(v);
        db.TimelineEvents.Add(access.Event(elder.Id, "healthmgmt.vaccination.recorded",
            $"接种{FollowupRules.Name(FollowupRules.Vaccines, v.Vaccine)}（{v.VaccinatedOn:yyyy-MM-dd}）"));
        await db.SaveOrConflictAsync(ct, onDuplicate: () => new ConflictException("duplicate-vaccination", "该老年人当天已登记过同一疫苗的接种。"));
        await audit.RecordAsync("healthmgmt.vaccination.create", "vaccination", HealthManagementAccess.Id(v.Id), elder.Id);
        return ListVaccinations.ToDto(v);
    }
}
