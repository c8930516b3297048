using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.DailyCare;

namespace Yiyang.Modules.DailyCare.Pages;

/// <summary>
/// 感染防控分区 of an institution over <see cref="GetZoning"/> and <see cref="UpdateZoning"/>: areas, whether care and medical areas are separated, the
/// rooms of the bed board assigned to an area, and the warnings (medical-use beds in a 生活照护区). The institution admin
/// edits (the whole zoning at once); its staff and the region's regulators read. Staff see their own institution; the
/// city operator and regulators name one (<c>?orgId=</c>).
/// </summary>
[Authorize]
public sealed class ZoningModel(GetZoning zoning, UpdateZoning update, CurrentUser me) : FormPageModel
{
    public const int AreaRows = 6;

    public sealed class AreaRow
    {
        public string? Name { get; set; }
        public string? Kind { get; set; }
        public string? Building { get; set; }
        public string? Floor { get; set; }
        public string? Note { get; set; }
    }

    public sealed class RoomRow
    {
        public string? Ward { get; set; }
        public string? Room { get; set; }
        public string? Area { get; set; }
    }

    [FromQuery] public long? OrgId { get; set; }
    [BindProperty] public bool Separated { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public List<AreaRow> Areas { get; set; } = [];
    [BindProperty] public List<RoomRow> Rooms { get; set; } = [];

    public ZoningDto? Current { get; private set; }

    public static readonly IReadOnlyList<(string Code, string Name)> Kinds =
        [("care", "生活照护区"), ("medical", "医疗区"), ("isolation", "隔离观察区"), ("other", "其他")];

    /// <summary>Element id of a field ("areas[1].name" → "areas-1-name").</summary>
    public static string IdFor(string field) => field.Replace("[", "-").Replace("].", "-").Replace("]", "");

    private long? Org => OrgId ?? me.OrganizationId;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Org is not { } org) return Page();
        try
        {
            Current = await zoning.HandleAsync(org, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        Fill(Current);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Org is not { } org) return NotFound();
        // blank area rows and rooms left without an area are not part of the zoning
        var areas = Areas.Where(a => !string.IsNullOrWhiteSpace(a.Name) || !string.IsNullOrWhiteSpace(a.Building)
                                     || !string.IsNullOrWhiteSpace(a.Floor) || !string.IsNullOrWhiteSpace(a.Note)).ToList();
        var rooms = Rooms.Where(r => !string.IsNullOrWhiteSpace(r.Area)).ToList();
        try
        {
            await update.HandleAsync(org, new ZoningInput(Separated, Note,
                areas.Select(a => new AreaInput(a.Name, a.Kind, a.Building, a.Floor, a.Note)).ToList(),
                rooms.Select(r => new RoomAssignmentInput(r.Ward, r.Room, r.Area)).ToList(), Version), null, ct);
            TempData["Message"] = "已保存感染防控分区。";
            return Redirect("/DailyCare/Zoning" + (OrgId is { } o ? $"?orgId={o}" : ""));
        }
        catch (AppException e)
        {
            Show(e);
            // the API names rows of what was sent: map them back to the rows on the page
            Remap("areas", areas.Select(a => Areas.IndexOf(a)).ToList());
            Remap("rooms", rooms.Select(r => Rooms.IndexOf(r)).ToList());
        }
        try
        {
            Current = await zoning.HandleAsync(org, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        while (Areas.Count < AreaRows) Areas.Add(new AreaRow());
        return Page();
    }

    private void Remap(string list, List<int> rows)
    {
        foreach (var key in FieldErrors.Keys.Where(k => k.StartsWith(list + "[", StringComparison.Ordinal)).ToList())
        {
            var close = key.IndexOf(']');
            if (!int.TryParse(key[(list.Length + 1)..close], out var i) || i >= rows.Count || rows[i] == i) continue;
            var moved = $"{list}[{rows[i]}]{key[(close + 1)..]}";
            FieldErrors[moved] = FieldErrors[key];
            FieldErrors.Remove(key);
        }
    }

    private void Fill(ZoningDto z)
    {
        Separated = z.Separated;
        Note = z.Note;
        Version = z.Version;
        Areas = z.Areas.Select(a => new AreaRow { Name = a.Name, Kind = a.Kind, Building = a.Building, Floor = a.Floor, Note = a.Note }).ToList();
        while (Areas.Count < Math.Max(AreaRows, z.Areas.Count + 2)) Areas.Add(new AreaRow());
        Rooms = z.Rooms.Select(r => new RoomRow { Ward = r.Ward, Room = r.Room, Area = r.Area }).ToList();
    }
}
