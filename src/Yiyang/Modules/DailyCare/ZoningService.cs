using Microsoft.EntityFrameworkCore;
using Yiyang.Modules.Institutions;
using Yiyang.Modules.Organizations;
using Yiyang.Platform.Audit;
using Yiyang.Platform.Data;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.DailyCare;

/// <summary>
/// Infection-control zoning (感染防控分区) of a care institution: its areas, whether care and medical areas are separated
/// (医养分区) and which rooms lie in which area. The institution admin (and the platform admin) edit the whole list at
/// once (versioned); the institution's staff and the regulators of its region read it. A medical-use bed in a 生活照护区
/// room is reported as a warning.
/// </summary>
public sealed class ZoningService(YiyangDb db, CurrentUser user, AuditTrail audit, TimeProvider clock)
{
    private const int MaxAreas = 50;
    private const int MaxRooms = 500;

    private static NotFoundException NoInstitution() => new("未找到该养老机构，或您无权查看。");

    private async Task<Organization> InstitutionAsync(long orgId, bool write, CancellationToken ct)
    {
        if (write && !Policies.Map[Policies.InstitutionCareZoning].Contains(user.Role)) throw new ForbiddenException();
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct) ?? throw NoInstitution();
        var allowed = user.Role switch
        {
            Roles.PlatformAdmin => true,
            Roles.Regulator => !write && !string.IsNullOrEmpty(user.RegionCode) && org.TownshipCode.StartsWith(user.RegionCode, StringComparison.Ordinal),
            _ => Roles.InstitutionStaff.Contains(user.Role) && user.OrganizationId == orgId,
        };
        if (!allowed || org.Kind is not (OrganizationKind.ElderlyCare or OrganizationKind.Integrated)) throw NoInstitution();
        return org;
    }

    public async Task<ZoningDto> GetAsync(long orgId, CancellationToken ct)
    {
        await InstitutionAsync(orgId, false, ct);
        var dto = await BuildAsync(orgId, ct);
        await audit.RecordAsync("daily-care.zoning.view", "organization", orgId.ToString(), null);
        return dto;
    }

    private async Task<ZoningDto> BuildAsync(long orgId, CancellationToken ct)
    {
        var zoning = await db.Set<InstitutionZoning>().AsNoTracking().FirstOrDefaultAsync(z => z.OrganizationId == orgId, ct);
        var areas = await db.Set<ZoneArea>().AsNoTracking().Where(a => a.OrganizationId == orgId).OrderBy(a => a.LineNo).ToListAsync(ct);
        var assigned = await db.Set<ZoneRoom>().AsNoTracking().Where(r => r.OrganizationId == orgId).ToListAsync(ct);
        var beds = await db.Set<InstitutionBed>().AsNoTracking().Where(b => b.OrganizationId == orgId).ToListAsync(ct);
        var warnings = new List<string>();
        if (zoning is null) warnings.Add("尚未登记感染防控分区。");
        else if (!zoning.Separated) warnings.Add("生活照护区与医疗区尚未分区（医养分区）。");
        var rooms = beds.GroupBy(b => (b.Ward, b.Room)).OrderBy(g => g.Key.Ward).ThenBy(g => g.Key.Room).Select(g =>
        {
            var a = assigned.FirstOrDefault(r => r.Ward == g.Key.Ward && r.Room == g.Key.Room) is { } r ? areas.FirstOrDefault(x => x.Id == r.AreaId) : null;
            var medical = g.Count(b => (b.UseKind ?? b.Kind) == BedKind.Medical);
            if (a is not null && g.Any(b => ZoningRules.MedicalBedInCareArea(b.Kind, b.UseKind, a.Kind)))
                warnings.Add($"{g.Key.Ward} {g.Key.Room}：{medical} 张医疗用途床位位于生活照护区（{a.Name}）。");
            return new RoomDto(g.Key.Ward, g.Key.Room, a?.Name, a is null ? null : ZoningRules.KindCode(a.Kind), g.Count(), medical);
        }).ToList();
        return new ZoningDto(orgId, zoning?.Separated ?? false, zoning?.Note, zoning?.Version ?? 0,
            areas.Select(a => new AreaDto(a.Id, a.Name, ZoningRules.KindCode(a.Kind), ZoningRules.KindName(a.Kind), a.Building, a.Floor, a.Note)).ToList(),
            rooms, warnings, !Policies.Map[Policies.InstitutionCareZoning].Contains(user.Role));
    }

    /// <summary>Replaces the institution's zoning (areas and room assignments) as a whole; version by If-Match or body once it exists.</summary>
    public async Task<ZoningDto> UpdateAsync(long orgId, ZoningInput input, int? ifMatchVersion, CancellationToken ct)
    {
        await InstitutionAsync(orgId, true, ct);
        var errors = new FieldErrors();
        if (input.Separated is null) errors.Add("separated", "请选择生活照护区与医疗区是否分区。");
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : Masking.Scrub(input.Note.Trim());
        if (note is { Length: > 200 }) errors.Add("note", "说明最多 200 个字。");
        var areas = input.Areas ?? [];
        var rooms = input.Rooms ?? [];
        if (areas.Count > MaxAreas) errors.Add("areas", $"最多 {MaxAreas} 个区域。");
        if (rooms.Count > MaxRooms) errors.Add("rooms", $"最多 {MaxRooms} 个房间。");
        var newAreas = new List<ZoneArea>();
        for (var i = 0; i < Math.Min(areas.Count, MaxAreas); i++)
        {
            var a = areas[i];
            var p = $"areas[{i}].";
            var name = (a.Name ?? "").Trim();
            if (name.Length is 0 or > 50) errors.Add(p + "name", "请填写区域名称（最多 50 个字）。");
            else if (newAreas.Any(x => x.Name == name)) errors.Add(p + "name", "区域名称不能重复。");
            var kind = ZoningRules.ParseKind(a.Kind);
            if (kind is null) errors.Add(p + "kind", "区域类型只能是生活照护区（care）、医疗区（medical）、隔离观察区（isolation）或其他（other）。");
            string? Opt(string? v, int max, string field, string label)
            {
                var t = string.IsNullOrWhiteSpace(v) ? null : v.Trim();
                if (t is not null && t.Length > max) errors.Add(p + field, $"{label}最多 {max} 个字。");
                return t;
            }
            newAreas.Add(new ZoneArea
            {
                OrganizationId = orgId,
                LineNo = i + 1,
                Name = name,
                Kind = kind ?? AreaKind.Other,
                Building = Opt(a.Building, 50, "building", "楼栋"),
                Floor = Opt(a.Floor, 20, "floor", "楼层"),
                Note = Opt(a.Note is null ? null : Masking.Scrub(a.Note), 200, "note", "说明"),
            });
        }
        var places = (await db.Set<InstitutionBed>().AsNoTracking().Where(b => b.OrganizationId == orgId).Select(b => new { b.Ward, b.Room }).Distinct().ToListAsync(ct))
            .Select(x => (x.Ward, x.Room)).ToHashSet();
        var assignments = new List<(string Ward, string Room, string Area)>();
        for (var i = 0; i < Math.Min(rooms.Count, MaxRooms); i++)
        {
            var r = rooms[i];
            var p = $"rooms[{i}].";
            var key = ((r.Ward ?? "").Trim(), (r.Room ?? "").Trim());
            if (!places.Contains(key)) errors.Add(p + "room", "本机构没有该病区和房间的床位。");
            else if (assignments.Any(x => (x.Ward, x.Room) == key)) errors.Add(p + "room", "同一房间只能划入一个区域。");
            var area = (r.Area ?? "").Trim();
            if (!newAreas.Any(a => a.Name == area)) errors.Add(p + "area", "请选择本次提交中的区域。");
            assignments.Add((key.Item1, key.Item2, area));
        }
        errors.ThrowIfAny();

        var zoning = await db.Set<InstitutionZoning>().FirstOrDefaultAsync(z => z.OrganizationId == orgId, ct);
        if (zoning is not null) Etags.CheckVersion(zoning.Version, ifMatchVersion, input.Version);
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Set<ZoneRoom>().Where(r => r.OrganizationId == orgId).ExecuteDeleteAsync(ct);
        await db.Set<ZoneArea>().Where(a => a.OrganizationId == orgId).ExecuteDeleteAsync(ct);
        if (zoning is null)
        {
            zoning = new InstitutionZoning { OrganizationId = orgId, UpdatedBy = user.UserName };
            db.Add(zoning);
        }
        else zoning.Version++;
        zoning.Separated = input.Separated!.Value;
        zoning.Note = note;
        zoning.UpdatedBy = user.UserName;
        zoning.UpdatedAt = now;
        db.AddRange(newAreas);
        try
        {
            await db.SaveChangesAsync(ct);
            db.AddRange(assignments.Select(a => new ZoneRoom { OrganizationId = orgId, Ward = a.Ward, Room = a.Room, AreaId = newAreas.First(x => x.Name == a.Area).Id }));
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PreconditionFailedException();
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new ConflictException("concurrency", "分区已被他人修改，请刷新后再试。");
        }
        await tx.CommitAsync(ct);
        await audit.RecordAsync("daily-care.zoning.update", "organization", orgId.ToString(), null, $"areas={newAreas.Count}; rooms={assignments.Count}");
        return await BuildAsync(orgId, ct);
    }
}
