using System.Reflection;

namespace Yiyang.Platform.Regions;

public enum RegionLevel
{
    Province = 1,
    City = 2,
    County = 3,
    Township = 4,
}

public sealed record Region(string Code, string Name, RegionLevel Level, string? ParentCode);

/// <summary>
/// Official division codes (统计用区划代码, 2023) shipped inside the product as embedded CSV: provinces (2 digits),
/// cities (4), counties (6), townships (9). Held in memory: ~45k rows, read-only.
/// </summary>
public sealed class RegionCatalog
{
    private readonly Dictionary<string, Region> _byCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Region>> _children = new(StringComparer.Ordinal);
    private readonly List<Region> _provinces = [];

    public RegionCatalog()
    {
        Load("provinces", RegionLevel.Province, f => null);
        Load("cities", RegionLevel.City, f => f[2]);
        Load("areas", RegionLevel.County, f => f[2]);
        Load("streets", RegionLevel.Township, f => f[2]);
        foreach (var list in _children.Values) list.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        _provinces.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
    }

    private void Load(string file, RegionLevel level, Func<string[], string?> parent)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"regions.{file}.csv")
                           ?? throw new InvalidOperationException($"missing embedded regions.{file}.csv");
        using var reader = new StreamReader(stream);
        reader.ReadLine(); // header
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var f = line.Split(',');
            for (var i = 0; i < f.Length; i++) f[i] = f[i].Trim('"');
            var region = new Region(f[0], f[1], level, parent(f));
            _byCode[region.Code] = region;
            if (region.ParentCode is { } p)
            {
                if (!_children.TryGetValue(p, out var list)) _children[p] = list = [];
                list.Add(region);
            }
            else _provinces.Add(region);
        }
    }

    public int Count => _byCode.Count;

    public Region? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var r) ? r : null;

    public IReadOnlyList<Region> Provinces => _provinces;

    public IReadOnlyList<Region> ChildrenOf(string code) =>
        _children.TryGetValue(code, out var list) ? list : [];

    public bool IsTownship(string? code) => Find(code)?.Level == RegionLevel.Township;

    /// <summary>Townships under a region (any level), e.g. all 11 of 王益区.</summary>
    public IEnumerable<Region> TownshipsUnder(string code)
    {
        var r = Find(code);
        if (r is null) yield break;
        if (r.Level == RegionLevel.Township) { yield return r; yield break; }
        foreach (var child in ChildrenOf(code))
            foreach (var t in TownshipsUnder(child.Code))
                yield return t;
    }

    /// <summary>True when <paramref name="code"/> is <paramref name="ancestor"/> or lies below it.</summary>
    public static bool IsWithin(string code, string ancestor) => code.StartsWith(ancestor, StringComparison.Ordinal);

    /// <summary>"陕西省 铜川市 王益区 黄堡镇".</summary>
    public string FullName(string code)
    {
        var parts = new List<string>();
        for (var r = Find(code); r is not null; r = Find(r.ParentCode)) parts.Add(r.Name);
        parts.Reverse();
        return string.Join(' ', parts);
    }
}
