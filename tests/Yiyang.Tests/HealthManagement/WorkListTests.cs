using System.Net;
using AngleSharp.Html.Parser;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.HealthManagement;

/// <summary>
/// The yearly work list (/HealthManagement): the order of its three groups across pages, the filter by the state of the
/// yearly record, and the total. Its population lives in 宝鸡 桥南街道 (610302005), where nobody else registers, and a
/// regulator of that township reads it.
/// </summary>
public abstract class WorkListTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Place = "610302005";
    private static int Year => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).Year;

    private sealed record Population(HttpClient Regulator, IReadOnlyList<long> None, IReadOnlyList<long> Incomplete, IReadOnlyList<long> Complete);

    // one population per database (the SQLite and PostgreSQL fixtures run side by side)
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<AppFactory, Lazy<Task<Population>>> Populations = new();

    /// <summary>
    /// 23 elders aged 70 named 桥南 + one character in code-point order (the list's name order on both databases): every
    /// fourth from the first has a complete yearly record, every fourth from the second an incomplete one, the rest none;
    /// plus one who turns 65 only next year (not listed). Built once per database.
    /// </summary>
    private async Task<Population> Build()
    {
        var admin = await As("city");
        var none = new List<long>();
        var incomplete = new List<long>();
        var complete = new List<long>();
        for (var i = 0; i < 23; i++)
        {
            var name = "桥南" + (char)(0x4E00 + i);
            var id = (await CreateElder(ElderBody(id: TestData.IdNumberBornOn(new DateOnly(Year - 70, 3, 1 + i), male: i % 2 == 0),
                name: name, township: Place))).Id();
            switch (i % 4)
            {
                case 0:
                    await admin.PostJson("/api/health-checks", HealthManagementApiTests.CompleteCheck(id), HttpStatusCode.Created);
                    complete.Add(id);
                    break;
                case 1:
                    await admin.PostJson("/api/health-checks", HealthManagementApiTests.IncompleteCheck(id), HttpStatusCode.Created);
                    incomplete.Add(id);
                    break;
                default:
                    none.Add(id);
                    break;
            }
        }
        await CreateElder(ElderBody(id: TestData.IdNumberBornOn(new DateOnly(Year - 64, 1, 1), male: true), name: "桥南少", township: Place));

        var userName = "wl" + Guid.NewGuid().ToString("N")[..10];
        const string password = "Worklist2026ok";
        await (await As("security")).PostJson("/api/users",
            new { userName, displayName = "桥南街道监管", password, role = "regulator", bureau = "health", regionCode = Place }, HttpStatusCode.Created);
        return new Population(await Factory.ClientFor(userName, password), none, incomplete, complete);
    }

    private Task<Population> Data() => Populations.GetOrAdd(Factory, _ => new Lazy<Task<Population>>(Build)).Value;

    private static async Task<(List<long> Ids, List<string> States, string Caption, string Pager)> Page(HttpClient client, string query)
    {
        var html = await client.GetStringAsync("/HealthManagement?" + query);
        var doc = new HtmlParser().ParseDocument(html);
        var rows = doc.QuerySelectorAll("#worklist tbody tr");
        return (rows.Select(r => long.Parse(r.QuerySelector("th a")!.GetAttribute("href")!.Split('/').Last())).ToList(),
            rows.Select(r => r.QuerySelector("td[data-label=年度体检]")!.TextContent.Trim()).ToList(),
            doc.QuerySelector("#worklist caption")?.TextContent.Trim() ?? "",
            doc.QuerySelector("nav.pager")?.TextContent ?? "");
    }

    [DbFact]
    public async Task The_list_shows_elders_without_a_record_then_incomplete_then_complete_each_by_name_across_pages()
    {
        var p = await Data();
        var first = await Page(p.Regulator, $"year={Year}");
        var second = await Page(p.Regulator, $"year={Year}&page=2");

        var expected = p.None.Concat(p.Incomplete).Concat(p.Complete).ToList();
        Assert.Equal(expected.Take(20), first.Ids);
        Assert.Equal(expected.Skip(20), second.Ids);
        Assert.Equal([.. Enumerable.Repeat("未建立", 11), .. Enumerable.Repeat("不完整", 6), .. Enumerable.Repeat("完整", 3)], first.States);
        Assert.All(second.States, s => Assert.Equal("完整", s));
        Assert.Contains("未完成体检的在前", first.Caption);
        Assert.Contains("共 23 条", first.Pager);
        var third = await Page(p.Regulator, $"year={Year}&page=3");
        Assert.Empty(third.Ids);
    }

    [DbFact]
    public async Task The_list_filters_by_the_state_of_the_yearly_record_and_refuses_an_unknown_state()
    {
        var p = await Data();
        var incomplete = await Page(p.Regulator, $"year={Year}&state=incomplete");
        Assert.Equal(p.Incomplete, incomplete.Ids);
        Assert.Contains("年度体检不完整", incomplete.Caption);
        Assert.Equal(p.None, (await Page(p.Regulator, $"year={Year}&state=none")).Ids);
        Assert.Equal(p.Complete, (await Page(p.Regulator, $"year={Year}&state=complete")).Ids);

        var html = await p.Regulator.GetStringAsync($"/HealthManagement?year={Year}&state=bogus");
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Null(doc.GetElementById("worklist"));
        Assert.Contains("年度体检状态应为", doc.QuerySelector("[role=alert]")!.TextContent);
    }

    [DbFact]
    public async Task The_total_stops_at_the_count_cap_and_the_page_says_more_than()
    {
        var p = await Data();
        using (ListCountCap(5))
        {
            var first = await Page(p.Regulator, $"year={Year}");
            Assert.Equal(20, first.Ids.Count);
            Assert.Contains("超过 5 条", first.Pager);
            var incomplete = await Page(p.Regulator, $"year={Year}&state=incomplete");
            Assert.Equal(p.Incomplete, incomplete.Ids);
            Assert.Contains("超过 5 条", incomplete.Pager);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WorkListTestsSqlite(SqliteAppFixture f) : WorkListTests(f);

[Collection(PostgresCollection.Name)]
public sealed class WorkListTestsPostgres(PostgresAppFixture f) : WorkListTests(f), IPostgresTests;
