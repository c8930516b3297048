using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Institutions;

/// <summary>
/// The public free-beds list for the whole city (Platform:CityCode, default 6102 铜川市) and the per-IP rate limit of the
/// anonymous public endpoints. Filter combinations used here are used by no other test (answers are cached 60 s).
/// </summary>
public abstract class PublicListTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Url = "/api/public/institutions/free-beds";
    private const string Yintai = "610203";            // 印台区, the second district of 铜川市
    private const string Chengguan = "610203001";      // 印台区城关街道
    private const string Sanlidong = "610203002";      // 印台区三里洞街道

    private async Task<long> CareHomeWithBeds(string township, string name, int beds)
    {
        var admin = await As("city");
        var org = (await (await As("admin")).PostJson("/api/organizations", new Dictionary<string, object?>
        {
            ["name"] = name,
            ["kind"] = "elderly-care",
            ["careType"] = "护理型",
            ["creditCode"] = TestData.CreditCode("52"),
            ["careLicenceNo"] = "YL" + Random.Shared.Next(100000, 999999),
            ["townshipCode"] = township,
            ["address"] = "印台区人民路 18 号",
            ["phone"] = "0919-4181234",
            ["elderCareBeds"] = beds,
        }, HttpStatusCode.Created)).Id();
        for (var i = 0; i < beds; i++)
            await admin.PostJson($"/api/institutions/{org}/beds", new { ward = "一区", room = "R" + Guid.NewGuid().ToString("N")[..6], number = "1", kind = "elder-care" },
                HttpStatusCode.Created);
        return org;
    }

    private static IEnumerable<long> Ids(JsonNode list) => list.AsArray().Select(i => i!.Id());

    [DbFact]
    public async Task A_second_district_of_the_city_lists_its_institutions_and_a_township_narrows_the_list()
    {
        var chengguanName = TestData.Name("印台城关养老院");
        var chengguan = await CareHomeWithBeds(Chengguan, chengguanName, 2);
        var sanlidong = await CareHomeWithBeds(Sanlidong, TestData.Name("三里洞颐养院"), 1);
        using var anon = Factory.Anonymous();

        // the district includes every township below it
        var district = await anon.GetJson($"{Url}?regionCode={Yintai}");
        Assert.Contains(chengguan, Ids(district));
        Assert.Contains(sanlidong, Ids(district));
        Assert.All(district.AsArray(), i => Assert.StartsWith("陕西省 铜川市 印台区", (string)i!["regionName"]!));
        var one = district.AsArray().Single(i => i!.Id() == chengguan)!;
        Assert.Equal((2, 2), ((int)one["totalBeds"]!, (int)one["freeBeds"]!));
        // a township: only its own institutions
        var township = await anon.GetJson($"{Url}?regionCode={Sanlidong}");
        Assert.Contains(sanlidong, Ids(township));
        Assert.DoesNotContain(chengguan, Ids(township));
        // 王益区 does not list 印台区's institutions; the whole city (no filter) lists both districts
        Assert.DoesNotContain(chengguan, Ids(await anon.GetJson($"{Url}?regionCode=610202&kind=hospice")));
        var city = await anon.GetJson($"{Url}?regionCode=6102&kind=elder-care");
        Assert.Contains(chengguan, Ids(city));
        Assert.Contains(city.AsArray(), i => ((string)i!["townshipCode"]!).StartsWith("610202", StringComparison.Ordinal));

        // the page: every district of 铜川市 offered, the chosen district's townships, its institutions
        using (var r = await anon.GetAsync($"/FreeBeds?district={Yintai}"))
        {
            await r.ShouldBe(HttpStatusCode.OK);
            var html = await r.Content.ReadAsStringAsync();
            foreach (var d in new[] { "王益区", "印台区", "耀州区", "宜君县" }) Assert.Contains($">{d}</option>", html);
            Assert.Contains("<option value=\"610203\" selected=\"selected\">印台区</option>", html);
            Assert.Contains("<option value=\"610203002\">三里洞街道</option>", html);
            Assert.DoesNotContain("红旗街街道", html); // a township of 王益区
            Assert.Contains(chengguanName, html);
            Assert.Contains($"data-org=\"{sanlidong}\"", html);
            Assert.Contains("src=\"/js/freebeds.js", html);
        }
        using (var r = await anon.GetAsync($"/FreeBeds?district={Yintai}&regionCode={Chengguan}&kind=elder-care"))
        {
            var html = await r.Content.ReadAsStringAsync();
            Assert.Contains("<option value=\"610203001\" selected=\"selected\">城关街道</option>", html);
            Assert.Contains($"data-org=\"{chengguan}\"", html);
            Assert.DoesNotContain($"data-org=\"{sanlidong}\"", html);
        }
        // without script the district was changed but the old township (of 王益区) is still sent: the whole new district is shown
        using (var r = await anon.GetAsync($"/FreeBeds?district={Yintai}&regionCode=610202006&kind=nursing"))
        {
            var html = await r.Content.ReadAsStringAsync();
            Assert.Contains("<option value=\"610203\" selected=\"selected\">印台区</option>", html);
            Assert.DoesNotContain("selected=\"selected\">王益街道", html);
            Assert.DoesNotContain("field-error", html);
        }
    }

    [DbFact]
    public async Task A_region_outside_the_city_is_refused_with_a_field_error_and_nothing_else()
    {
        using var anon = Factory.Anonymous();
        // 西安市新城区 and one of its streets: real codes, but not 铜川市
        foreach (var code in new[] { "610102", "610102001", "61" })
        {
            using var r = await anon.GetAsync($"{Url}?regionCode={code}");
            var problem = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.Equal("只能查询铜川市的养老机构，请选择铜川市的区县或乡镇、街道。", problem.FieldErrors("regionCode").Single());
        }
        using (var r = await anon.GetAsync("/FreeBeds?district=610102"))
        {
            await r.ShouldBe(HttpStatusCode.OK);
            var html = await r.Content.ReadAsStringAsync();
            Assert.Contains("id=\"district-error\"", html);
            Assert.Contains("请选择铜川市的区县。", html);
            Assert.Contains("aria-invalid=\"true\"", html);
            Assert.DoesNotContain("data-org=", html);
            Assert.Contains("共 0 家机构", html);
        }
        // an older link with a street of another city in regionCode
        using (var r = await anon.GetAsync("/FreeBeds?regionCode=610102001"))
        {
            var html = await r.Content.ReadAsStringAsync();
            Assert.Contains("id=\"regionCode-error\"", html);
            Assert.Contains("只能查询铜川市的养老机构", html);
            Assert.DoesNotContain("data-org=", html);
        }
    }

    [DbFact]
    public async Task Past_the_limit_an_address_gets_429_with_retry_after_while_other_addresses_and_the_authenticated_api_go_on()
    {
        await using var limited = Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("RateLimiting:Public:PermitLimit", "3");
            b.UseSetting("RateLimiting:Public:WindowSeconds", "600");
        });
        var server = limited.Server;
        var token = await Factory.IssueTokenAsync("city", AppFactory.DemoPassword);

        async Task<(int Status, string? RetryAfter, string? ContentType, string Body)> Get(string path, string query, string ip, string? bearer = null)
        {
            var ctx = await server.SendAsync(c =>
            {
                c.Request.Method = HttpMethods.Get;
                c.Request.Path = path;
                c.Request.QueryString = new QueryString(query);
                c.Connection.RemoteIpAddress = IPAddress.Parse(ip);
                if (bearer is not null) c.Request.Headers.Authorization = "Bearer " + bearer;
            });
            using var reader = new StreamReader(ctx.Response.Body);
            return (ctx.Response.StatusCode, ctx.Response.Headers.RetryAfter.FirstOrDefault(), ctx.Response.ContentType, await reader.ReadToEndAsync());
        }

        const string Visitor = "203.0.113.7";
        for (var i = 1; i <= 3; i++)
            Assert.Equal(200, (await Get(Url, "?regionCode=610204", Visitor)).Status);
        // the 4th request of the window: 429, Retry-After, a Chinese ProblemDetails
        var api = await Get(Url, "?regionCode=610204", Visitor);
        Assert.Equal(429, api.Status);
        Assert.InRange(int.Parse(api.RetryAfter!, System.Globalization.CultureInfo.InvariantCulture), 1, 600);
        Assert.StartsWith("application/problem+json", api.ContentType);
        var problem = JsonNode.Parse(api.Body)!;
        Assert.Equal(429, (int)problem["status"]!);
        Assert.Equal("请求过于频繁", (string)problem["title"]!);
        Assert.Equal("too-many-requests", (string)problem["code"]!);
        Assert.Contains("秒后再试", (string)problem["detail"]!);
        // the page shares the address's budget: a short Chinese page
        var page = await Get("/FreeBeds", "", Visitor);
        Assert.Equal(429, page.Status);
        Assert.NotNull(page.RetryAfter);
        Assert.StartsWith("text/html", page.ContentType);
        Assert.Contains("查询次数过多", page.Body);

        // another address has its own budget
        Assert.Equal(200, (await Get(Url, "?regionCode=610204", "198.51.100.9")).Status);
        Assert.Equal(200, (await Get("/FreeBeds", "", "198.51.100.9")).Status);
        // the authenticated API is never limited, even from the blocked address
        for (var i = 0; i < 6; i++)
        {
            var elders = await Get("/api/elders", "?pageSize=1", Visitor, token);
            Assert.Equal(200, elders.Status);
            Assert.Null(elders.RetryAfter);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PublicListTestsSqlite(SqliteAppFixture f) : PublicListTests(f);

[Collection(PostgresCollection.Name)]
public sealed class PublicListTestsPostgres(PostgresAppFixture f) : PublicListTests(f), IPostgresTests;
