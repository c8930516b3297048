using Yiyang.Platform.Regions;

namespace Yiyang.Tests.Platform;

public sealed class RegionCatalogTests
{
    private static readonly RegionCatalog Catalog = new();

    [Fact]
    public void Wangyi_district_has_seven_townships_including_Huangbao()
    {
        var children = Catalog.ChildrenOf("610202");
        Assert.Equal(7, children.Count);
        Assert.All(children, c => Assert.Equal(RegionLevel.Township, c.Level));
        Assert.Contains(children, c => c.Code == "610202100" && c.Name == "黄堡镇");
        Assert.Equal(children.Select(c => c.Code).Order(StringComparer.Ordinal), children.Select(c => c.Code));
    }

    [Fact]
    public void Levels_and_parents_follow_the_code_hierarchy()
    {
        Assert.Equal(RegionLevel.Province, Catalog.Find("61")?.Level);
        Assert.Equal(RegionLevel.City, Catalog.Find("6102")?.Level);
        Assert.Equal(RegionLevel.County, Catalog.Find("610202")?.Level);
        Assert.Equal(RegionLevel.Township, Catalog.Find("610202100")?.Level);
        Assert.Equal("610202", Catalog.Find("610202100")?.ParentCode);
        Assert.True(Catalog.IsTownship("610202100"));
        Assert.False(Catalog.IsTownship("610202"));
        Assert.Null(Catalog.Find("999999"));
        Assert.Null(Catalog.Find(null));
    }

    [Fact]
    public void The_full_name_joins_every_level() =>
        Assert.Equal("陕西省 铜川市 王益区 黄堡镇", Catalog.FullName("610202100"));

    [Fact]
    public void Townships_under_a_city_include_every_district()
    {
        var codes = Catalog.TownshipsUnder("6102").Select(t => t.Code).ToList();
        Assert.Contains("610202100", codes);
        Assert.Contains("610203001", codes);
        Assert.All(codes, c => Assert.StartsWith("6102", c));
        Assert.Equal(["610202100"], Catalog.TownshipsUnder("610202100").Select(t => t.Code));
    }

    [Fact]
    public void The_catalog_holds_all_provinces_and_tens_of_thousands_of_regions()
    {
        Assert.Equal(31, Catalog.Provinces.Count);
        Assert.True(Catalog.Count > 40_000);
    }
}
