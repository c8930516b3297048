using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Elders;
using Yiyang.Modules.FamilyDoctor;

namespace Yiyang.Modules.HomeVisits;

/// <summary>
/// Plans a visit or starts an ad-hoc one. With an Idempotency-Key the same user retrying the same request gets the
/// visit the first request created (<see cref="CreateResult.Replayed"/>); the same key with a different request is
/// refused (422). Keys live in the database under a unique index, so retries landing on another node or racing
/// each other still make one visit.
/// </summary>
public sealed class CreateVisit(YiyangDb db, CurrentUser user, HomeVisitAccess access, GetVisit getVisit, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/", async Task<Results<Created<VisitDto>, Ok<VisitDto>>> (
                VisitInput input, [FromHeader(Name = HomeVisitsApi.IdempotencyKeyHeader)] string? key, CreateVisit handler, HttpContext http,
                CancellationToken ct) =>
            {
                var r = await handler.HandleAsync(input, key, ct);
                var location = $"/api/home-visits/{r.Visit.Id}";
                if (!r.Replayed) return TypedResults.Created(location, r.Visit);
                http.Response.Headers.Location = location;
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return TypedResults.Ok(r.Visit);
            })
            .RequireAuthorization(FamilyDoctorPolicies.Write)
            .ProducesProblems(400, 403, 404, 422)
            .WithSummary("计划上门巡诊或开始临时出诊（source: ad-hoc / package / ledger）；带 Idempotency-Key 时重试返回同一次上门（200），同一键不同内容 422");

    public sealed record CreateResult(VisitDto Visit, bool Replayed);

    private sealed record ValidVisit(long ElderId, long? TeamId, DateOnly PlannedDate, VisitSource Source, List<(string Code, string Name)> Services);

    public async Task<CreateResult> HandleAsync(VisitInput input, string? idempotencyKey, CancellationToken ct)
    {
        access.DemandWriter();
        var key = ValidKey(idempotencyKey);
        var v = Validate(input);
        var hash = Hash(v);
        if (key is not null && await ReplayAsync(key, hash, ct) is { } replay) return replay;

        var elder = await ElderScope.Apply(db.Elders.AsNoTracking(), user, forWrite: true).FirstOrDefaultAsync(e => e.Id == v.ElderId, ct)
                    ?? throw new NotFoundException("未找到该服务对象，或您无权查看。");
        var (teamId, services) = await FromPackageAsync(v, elder.Id, ct);
        var orgId = await OrganizationAsync(elder, teamId, ct);
        var visit = NewVisit(v, elder, teamId, orgId, services);

        await using var tx = await db.BeginUseCaseTransactionAsync(ct);
        db.Add(visit);
        await db.SaveChangesAsync(ct);
        if (key is not null)
            db.Add(new HomeVisitIdempotency
            {
                UserName = access.Actor,
                Key = key,
                RequestHash = hash,
                VisitId = visit.Id,
                CountyCode = elder.CountyCode,
                CreatedAt = visit.CreatedAt,
            });
        var kind = VisitRules.Kind(v.Source);
        access.AddEvent(elder.Id, "homecare.visit.planned",
            v.PlannedDate == clock.ChinaToday() && v.Source == VisitSource.AdHoc
                ? $"开始{kind}，计划服务 {visit.Services.Count} 项"
                : $"计划{kind}：{v.PlannedDate:yyyy-MM-dd}，计划服务 {visit.Services.Count} 项");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (key is not null && DbErrors.IsUniqueViolation(e))
        {
            // a concurrent request with the same key won: answer with its visit
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return await ReplayAsync(key, hash, ct) ?? throw new ConflictException("idempotency", "请求正在处理中，请稍后重试。");
        }
        await tx.CommitAsync(ct);
        await audit.RecordAsync("homecare.visit.create", "home-visit", visit.Id.ToString(), elder.Id);
        return new CreateResult(await getVisit.HandleAsync(visit.Id, ct), false);
    }

    private ValidVisit Validate(VisitInput input)
    {
        var errors = new FieldErrors();
        if (input.ElderId is null) errors.Add("elderId", "请选择上门服务的老年人。");
        var source = VisitRules.ParseSource(input.Source);
        if (source is null) errors.Add("source", "来源只能是临时出诊（ad-hoc）、签约服务包（package）或台账（ledger）。");
        var today = clock.ChinaToday();
        var date = input.PlannedDate ?? today;
        if (date < today.AddDays(-7) || date > today.AddDays(366)) errors.Add("plannedDate", "计划日期应在 7 天前至 1 年内。");
        var services = new List<(string, string)>();
        var list = input.Services ?? [];
        if (list.Count > 30) errors.Add("services", "计划服务最多 30 项。");
        for (var i = 0; i < list.Count; i++)
        {
            var code = (list[i].ServiceCode ?? "").Trim();
            var name = (list[i].ServiceName ?? "").Trim();
            if (code.Length == 0 || code.Length > 32) errors.Add($"services[{i}].serviceCode", "请填写服务项目编码（最多 32 位）。");
            else if (services.Any(s => s.Item1 == code)) errors.Add($"services[{i}].serviceCode", "服务项目编码重复。");
            if (name.Length == 0 || name.Length > 50) errors.Add($"services[{i}].serviceName", "请填写服务项目名称（最多 50 个字）。");
            services.Add((code, name));
        }
        errors.ThrowIfAny();
        return new ValidVisit(input.ElderId!.Value, input.TeamId, date, source!.Value, services);
    }

    private static string Hash(ValidVisit v)
    {
        var canonical = JsonSerializer.Serialize(new
        {
            v.ElderId,
            v.TeamId,
            PlannedDate = v.PlannedDate.ToString("yyyy-MM-dd"),
            Source = (int)v.Source,
            Services = v.Services.Select(s => new[] { s.Code, s.Name }).ToArray(),
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static string? ValidKey(string? key)
    {
        if (key is null) return null;
        var k = key.Trim();
        if (k.Length is 0 or > 100 || k.Any(c => c < 0x21 || c > 0x7e))
            throw ValidationFailedException.For("Idempotency-Key", "Idempotency-Key 应为 1–100 位可见 ASCII 字符（建议使用 UUID）。");
        return k;
    }

    /// <summary>A package visit: the elder's active contract gives the team and the services it promises.</summary>
    private async Task<(long? TeamId, List<(string Code, string Name)> Services)> FromPackageAsync(ValidVisit v, long elderId, CancellationToken ct)
    {
        var services = v.Services;
        var teamId = v.TeamId;
        if (v.Source != VisitSource.Package || (services.Count > 0 && teamId is not null)) return (teamId, services);
        var contract = await db.Set<FamilyDoctorContract>().AsNoTracking()
                           .FirstOrDefaultAsync(c => c.ElderId == elderId && c.Status == ContractStatus.Active, ct)
                       ?? throw ValidationFailedException.For("source", "该老年人没有生效的家庭医生签约，不能按服务包计划上门。");
        teamId ??= contract.TeamId;
        if (services.Count == 0)
            services = await db.Set<FamilyDoctorPackageItem>().AsNoTracking().Where(i => i.PackageId == contract.PackageId)
                .OrderBy(i => i.Id).Select(i => new ValueTuple<string, string>(i.ServiceCode, i.ServiceName)).ToListAsync(ct);
        return (teamId, services);
    }

    /// <summary>The organization making the visit: the team's; else the staff's own, or the elder's responsible one.</summary>
    private async Task<long?> OrganizationAsync(Elder elder, long? teamId, CancellationToken ct)
    {
        long? orgId = access.IsStaff ? user.OrganizationId : elder.ResponsibleOrganizationId;
        if (teamId is not { } t) return orgId;
        var team = await db.Set<FamilyDoctorTeam>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == t, ct);
        if (team is null || (access.IsStaff && team.OrganizationId != user.OrganizationId))
            throw ValidationFailedException.For("teamId", "团队不存在或不属于本机构。");
        return team.OrganizationId;
    }

    private HomeVisit NewVisit(ValidVisit v, Elder elder, long? teamId, long? orgId, List<(string Code, string Name)> services)
    {
        var now = clock.GetUtcNow();
        return new HomeVisit
        {
            ElderId = elder.Id,
            TeamId = teamId,
            OrganizationId = orgId,
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            PlannedDate = v.PlannedDate,
            Source = v.Source,
            Status = VisitStatus.Planned,
            CreatedByUser = access.Actor,
            CreatedAt = now,
            UpdatedAt = now,
            Services = services.Select(s => new HomeVisitService
            {
                ServiceCode = s.Code,
                ServiceName = s.Name,
                Planned = true,
                Status = ServiceStatus.Open,
                CountyCode = elder.CountyCode,
            }).ToList(),
        };
    }

    private async Task<CreateResult?> ReplayAsync(string key, string hash, CancellationToken ct)
    {
        var userName = access.Actor;
        var row = await db.Set<HomeVisitIdempotency>().AsNoTracking().FirstOrDefaultAsync(x => x.UserName == userName && x.Key == key, ct);
        if (row is null) return null;
        if (row.RequestHash != hash)
            throw new BusinessRuleException("idempotency-key-reused", "该 Idempotency-Key 已用于另一项不同内容的请求，请为新的上门服务使用新的键。");
        return new CreateResult(await getVisit.HandleAsync(row.VisitId, ct), true);
    }
}
