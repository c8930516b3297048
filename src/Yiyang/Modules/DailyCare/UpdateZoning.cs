using Yiyang.Modules.Institutions;

namespace Yiyang.Modules.DailyCare;

/// <summary>
/// 保存感染防控分区: the institution admin (or the city operator) replaces the institution's zoning (areas and room
/// assignments) as a whole; version by If-Match or body once it exists.
/// </summary>
public sealed class UpdateZoning(YiyangDb db, CurrentUser user, AuditTrail audit, TimeProvider clock, ZoningAccess access)
{
    private const int MaxAreas = 50;
    private const int MaxRooms = 500;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("", async Task<Ok<ZoningDto>> (long orgId, ZoningInput input, IfMatch ifMatch, UpdateZoning handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(orgId, input, ifMatch.Version, ct)))
            .WithETags()
            .RequireAuthorization(DailyCarePolicies.Zoning)
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("机构管理员整体保存分区：areas（name、kind care/medical/isolation/other、building、floor、note）与 rooms（ward、room、area=区域名称）；已有分区时需 If-Match 或 version");

    public async Task<ZoningDto> HandleAsync(long orgId, ZoningInput input, int? ifMatchVersion, CancellationToken ct)
    {
        await access.InstitutionAsync(orgId, true, ct);
        var errors = new FieldErrors();
        if (input.Separated is null) errors.Add("separated", "请选择生活照护区与医疗区是否分区。");
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : Masking.Scrub(input.Note.Trim());
        if (note is { Length: > 200 }) errors.Add("note", "说明最多 200 个字。");
        var areas = input.Areas ?? [];
        var rooms = input.Rooms ?? [];
        if (areas.Count > MaxAreas) errors.Add("areas", $"最多 {MaxAreas} 个区域。");
        if (rooms.Count > MaxRooms) errors.Add("rooms", $"最多 {MaxRooms} 个房间。");
        var newAreas = Areas(errors, orgId, areas);
        var places = (await db.Set<InstitutionBed>().AsNoTracking().Where(b => b.OrganizationId == orgId).Select(b => new { b.Ward, b.Room }).Distinct().ToListAsync(ct))
            .Select(x => (x.Ward, x.Room)).ToHashSet();
        var assignments = Assignments(errors, rooms, places, newAreas);
        errors.ThrowIfAny();

        var zoning = await db.Set<InstitutionZoning>().FirstOrDefaultAsync(z => z.OrganizationId == orgId, ct);
        if (zoning is not null) Etags.CheckVersion(zoning.Version, ifMatchVersion, input.Version);
        await SaveAsync(orgId, zoning, input.Separated!.Value, note, newAreas, assignments, ct);
        await audit.RecordAsync("daily-care.zoning.update", "organization", orgId.ToString(), null, $"areas={newAreas.Count}; rooms={assignments.Count}");
        return await access.ReadAsync(orgId, ct);
    }

    private static List<ZoneArea> Areas(FieldErrors errors, long orgId, IReadOnlyList<AreaInput> areas)
    {
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
        return newAreas;
    }

    private static List<(string Ward, string Room, string Area)> Assignments(FieldErrors errors, IReadOnlyList<RoomAssignmentInput> rooms,
        HashSet<(string, string)> places, List<ZoneArea> newAreas)
    {
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
        return assignments;
    }

    /// <summary>Replaces areas and rooms in one transaction; a concurrent save is 412 (version) or 409 (the unique indexes).</summary>
    private async Task SaveAsync(long orgId, InstitutionZoning? zoning, bool separated, string? note, List<ZoneArea> newAreas,
        List<(string Ward, string Room, string Area)> assignments, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.BeginUseCaseTransactionAsync(ct);
        await db.Set<ZoneRoom>().Where(r => r.OrganizationId == orgId).ExecuteDeleteAsync(ct);
        await db.Set<ZoneArea>().Where(a => a.OrganizationId == orgId).ExecuteDeleteAsync(ct);
        if (zoning is null)
        {
            zoning = new InstitutionZoning { OrganizationId = orgId, UpdatedBy = user.UserName };
            db.Add(zoning);
        }
        else zoning.Version++;
        zoning.Separated = separated;
        zoning.Note = note;
        zoning.UpdatedBy = user.UserName;
        zoning.UpdatedAt = now;
        db.AddRange(newAreas);
        ConflictException Changed() => new("concurrency", "分区已被他人修改，请刷新后再试。");
        await db.SaveOrConflictAsync(ct, onDuplicate: Changed, onConcurrency: () => new PreconditionFailedException());
        db.AddRange(assignments.Select(a => new ZoneRoom { OrganizationId = orgId, Ward = a.Ward, Room = a.Room, AreaId = newAreas.First(x => x.Name == a.Area).Id }));
        await db.SaveOrConflictAsync(ct, onDuplicate: Changed, onConcurrency: () => new PreconditionFailedException());
        await tx.CommitAsync(ct);
    }
}
