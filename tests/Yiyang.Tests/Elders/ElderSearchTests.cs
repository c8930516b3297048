using System.Net;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Elders;

public abstract class ElderSearchTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private static List<long> Ids(System.Text.Json.Nodes.JsonNode page) => page["items"]!.AsArray().Select(i => i!.Id()).ToList();

    [DbFact]
    public async Task A_name_prefix_finds_the_elder()
    {
        var e = await CreateElder();
        var name = (string)e["name"]!;
        var page = await (await As("city")).GetJson("/api/elders?q=" + Uri.EscapeDataString(name[..^1]));
        Assert.Contains(e.Id(), Ids(page));
        var none = await (await As("city")).GetJson("/api/elders?q=" + Uri.EscapeDataString(name[1..]));
        Assert.DoesNotContain(e.Id(), Ids(none)); // a prefix, not a substring search
    }

    [DbFact]
    public async Task The_total_is_counted_up_to_the_setting_and_says_when_there_are_more()
    {
        var prefix = TestData.Name("限");
        var ids = new List<long>();
        for (var i = 0; i < 5; i++) ids.Add((await CreateElder(ElderBody(name: prefix + "丁丙乙戊甲"[i]))).Id()); // in name order (code points)
        var admin = await As("city");
        using (ListCountCap(3))
        {
            var first = await admin.GetJson($"/api/elders?pageSize=2&q={Uri.EscapeDataString(prefix)}");
            Assert.Equal(3, (int)first["total"]!);
            Assert.True((bool)first["totalCapped"]!);
            Assert.Equal(ids.Take(2), Ids(first));
            // the pages still reach past the counted total: every match can be listed
            var third = await admin.GetJson($"/api/elders?pageSize=2&page=3&q={Uri.EscapeDataString(prefix)}");
            Assert.Equal(ids.Skip(4), Ids(third));

            // as many matches as the cap: exact
            var exact = await admin.GetJson($"/api/elders?q={Uri.EscapeDataString(prefix + "甲")}");
            Assert.Equal(1, (int)exact["total"]!);
            Assert.False((bool)exact["totalCapped"]!);
        }
        using (ListCountCap(5))
        {
            var atCap = await admin.GetJson($"/api/elders?q={Uri.EscapeDataString(prefix)}");
            Assert.Equal(5, (int)atCap["total"]!);
            Assert.False((bool)atCap["totalCapped"]!);
        }
        using (ListCountCap(0)) // 0: always exact
        {
            var all = await admin.GetJson($"/api/elders?pageSize=2&q={Uri.EscapeDataString(prefix)}");
            Assert.Equal(5, (int)all["total"]!);
            Assert.False((bool)all["totalCapped"]!);
        }
    }

    [DbFact]
    public async Task A_full_ID_finds_the_elder_in_upper_or_lower_case()
    {
        string id;
        do id = TestData.IdNumber(); while (id[17] != 'X');
        var e = await CreateElder(ElderBody(id));
        var admin = await As("city");
        foreach (var q in new[] { id, id.ToLowerInvariant() })
        {
            var page = await admin.GetJson("/api/elders?q=" + q);
            Assert.Equal([e.Id()], Ids(page));
            Assert.Equal(1, (int)page["total"]!);
        }
        var partial = await admin.GetJson("/api/elders?q=" + id[..10]);
        Assert.Equal(0, (int)partial["total"]!); // part of an ID finds nothing
    }

    [DbFact]
    public async Task A_full_phone_number_finds_the_elder()
    {
        var phone = TestData.Phone();
        var e = await CreateElder(ElderBody(phone: phone));
        var page = await (await As("city")).GetJson("/api/elders?q=" + phone);
        Assert.Equal([e.Id()], Ids(page));
    }

    [DbFact]
    public async Task Region_filters_include_townships_and_a_township_narrows_the_result()
    {
        var prefix = TestData.Name("区");
        var inHuangbao = await CreateElder(ElderBody(name: prefix + "甲", township: Huangbao));
        var inHongqi = await CreateElder(ElderBody(name: prefix + "乙", township: Township));
        var elsewhere = await CreateElder(ElderBody(name: prefix + "丙", township: OtherDistrictTownship));
        var admin = await As("city");
        var q = "&q=" + Uri.EscapeDataString(prefix);

        Assert.Equal([inHuangbao.Id(), inHongqi.Id()], Ids(await admin.GetJson("/api/elders?regionCode=610202" + q)).Order());
        Assert.Equal([inHuangbao.Id()], Ids(await admin.GetJson("/api/elders?regionCode=610202100" + q)));
        Assert.Equal(3, Ids(await admin.GetJson("/api/elders?regionCode=6102" + q)).Count);
        Assert.Equal([elsewhere.Id()], Ids(await admin.GetJson("/api/elders?regionCode=610203" + q)));
        Assert.Equal(3, Ids(await admin.GetJson("/api/elders?regionCode=61" + q)).Count);
    }

    [DbFact]
    public async Task The_flag_filter_keeps_only_elders_with_that_flag()
    {
        var prefix = TestData.Name("标");
        var disabled = await CreateElder(ElderBody(name: prefix + "甲", flags: ["disabled", "chronic"]));
        await CreateElder(ElderBody(name: prefix + "乙", flags: ["chronic"]));
        var admin = await As("city");
        var page = await admin.GetJson("/api/elders?flag=disabled&q=" + Uri.EscapeDataString(prefix));
        Assert.Equal([disabled.Id()], Ids(page));
        Assert.Contains("disabled", page["items"]![0]!["flags"]!.AsArray().Select(f => (string?)f));
        Assert.Equal(2, (int)(await admin.GetJson("/api/elders?flag=chronic&q=" + Uri.EscapeDataString(prefix)))["total"]!);
    }

    [DbFact]
    public async Task Results_are_paged_with_items_total_page_and_page_size()
    {
        var prefix = TestData.Name("页");
        var created = new List<(string Name, long Id)>();
        foreach (var suffix in new[] { "甲", "乙", "丙" }) created.Add((prefix + suffix, (await CreateElder(ElderBody(name: prefix + suffix))).Id()));
        var ids = created.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => c.Id).ToList(); // the list is ordered by name
        var admin = await As("city");
        var q = Uri.EscapeDataString(prefix);
        var page2 = await admin.GetJson($"/api/elders?q={q}&page=2&pageSize=2");
        Assert.Equal(3, (int)page2["total"]!);
        Assert.Equal(2, (int)page2["page"]!);
        Assert.Equal(2, (int)page2["pageSize"]!);
        Assert.Equal([ids[2]], Ids(page2));
        var page1 = await admin.GetJson($"/api/elders?q={q}&page=1&pageSize=2");
        Assert.Equal(ids.Take(2), Ids(page1));
    }

    [DbFact]
    public async Task Default_paging_is_page_1_of_20()
    {
        var page = await (await As("city")).GetJson("/api/elders");
        Assert.Equal(1, (int)page["page"]!);
        Assert.Equal(20, (int)page["pageSize"]!);
        Assert.Equal(20, page["items"]!.AsArray().Count);
        Assert.True((int)page["total"]! >= 200);
    }

    [DbFact]
    public async Task Invalid_paging_and_filters_are_400_problems()
    {
        var admin = await As("city");
        foreach (var (url, field) in new[]
                 {
                     ("/api/elders?pageSize=1000", "pageSize"), ("/api/elders?page=0", "page"),
                     ("/api/elders?flag=nonsense", "flag"), ("/api/elders?regionCode=999999", "regionCode"),
                 })
        {
            using var r = await admin.GetAsync(url);
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors(field));
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ElderSearchTestsSqlite(SqliteAppFixture f) : ElderSearchTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ElderSearchTestsPostgres(PostgresAppFixture f) : ElderSearchTests(f), IPostgresTests;
