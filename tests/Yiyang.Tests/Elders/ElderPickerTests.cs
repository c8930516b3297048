using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Elders;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Elders;

/// <summary>The shared elder picker: the posted search, the preselected elder's line, the page's URL search and confirmation.</summary>
public abstract class ElderPickerTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private static readonly HtmlParser Html = new();

    private Task<HttpClient> LoggedIn(string user) => PageClient.LoggedIn(Factory, user);

    [DbFact]
    public async Task The_posted_search_finds_namesakes_by_name_and_one_elder_by_full_id_number_with_masked_identifiers()
    {
        var name = TestData.Name("选");
        var idA = TestData.IdNumber();
        var a = await JinhuaElder(id: idA, name: name);
        var b = await JinhuaElder(name: name);
        var doctor = await As("doctor");
        var byName = await doctor.PostJson("/api/elders/search", new { q = name }, HttpStatusCode.OK);
        var items = byName["items"]!.AsArray();
        Assert.Equal([a, b], items.Select(i => i!.Id()).Order().ToList());
        Assert.All(items, i =>
        {
            Assert.Equal(name, (string)i!["name"]!);
            Assert.Contains("*", (string)i["idNumberMasked"]!);
            Assert.False(string.IsNullOrEmpty((string)i["townshipName"]!));
            Assert.True((int)i["age"]! > 0);
        });
        var byId = await doctor.PostJson("/api/elders/search", new { q = idA }, HttpStatusCode.OK);
        var only = Assert.Single(byId["items"]!.AsArray());
        Assert.Equal(a, only!.Id());
        Assert.DoesNotContain(idA, byId.ToJsonString());
    }

    [DbFact]
    public async Task The_posted_search_has_the_rules_of_the_search_bad_paging_is_400_and_a_phone_search_by_a_regulator_is_403()
    {
        var doctor = await As("doctor");
        using (var bad = await doctor.PostAsJsonAsync("/api/elders/search", new { q = "张", pageSize = 100000 }, Api.Json))
            Assert.NotEmpty((await bad.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("pageSize"));
        var regulator = await As("wjw");
        using var phone = await regulator.PostAsJsonAsync("/api/elders/search", new { q = "13800001234" }, Api.Json);
        var problem = await phone.ShouldBeProblem(HttpStatusCode.Forbidden);
        Assert.Contains("电话", (string)problem["detail"]!);
    }

    [DbFact]
    public async Task The_posted_exact_search_counts_against_the_quota_and_a_429_has_a_Chinese_message()
    {
        var o = Factory.Services.GetRequiredService<IOptions<ElderOptions>>().Value;
        var saved = (o.ExactSearchLimit, o.ExactSearchWindowMinutes);
        (o.ExactSearchLimit, o.ExactSearchWindowMinutes) = (1, 60);
        try
        {
            var user = await As("hbdoctor");
            using var first = await user.PostAsJsonAsync("/api/elders/search", new { q = TestData.IdNumber() }, Api.Json); // 200, or 429 already
            using var r = await user.PostAsJsonAsync("/api/elders/search", new { q = TestData.IdNumber() }, Api.Json);
            var p = await r.ShouldBeProblem(HttpStatusCode.TooManyRequests);
            Assert.True(Api.IsChinese((string)p["detail"]!));
            Assert.NotNull(r.Headers.RetryAfter);
        }
        finally
        {
            (o.ExactSearchLimit, o.ExactSearchWindowMinutes) = saved;
        }
    }

    [DbFact]
    public async Task A_form_opened_for_an_elder_shows_the_confirmation_line_and_an_elder_out_of_scope_is_not_shown()
    {
        var id = TestData.IdNumber();
        var elder = await JinhuaElder(id: id);
        using var client = await LoggedIn("doctor");
        var doc = Html.ParseDocument(await client.GetStringAsync($"/FamilyDoctor/Sign?elderId={elder}"));
        var line = doc.GetElementById("elder-pick-line")!.TextContent;
        Assert.StartsWith("已选择：", line);
        Assert.Contains(id[..3] + new string('*', 11) + id[^4..], line);
        Assert.DoesNotContain(id, doc.Body!.InnerHtml);
        Assert.Equal(elder.ToString(), doc.GetElementById("elderId")!.GetAttribute("value"));
        Assert.Equal("sign-form", doc.GetElementById("elderId")!.GetAttribute("form"));
        Assert.Equal("sign-form", doc.GetElementById("elderConfirmed")!.GetAttribute("form"));

        var outside = (await CreateElder(ElderBody(township: Huangbao, orgId: await HuangbaoId()))).Id();
        var other = Html.ParseDocument(await client.GetStringAsync($"/FamilyDoctor/Sign?elderId={outside}"));
        Assert.True(string.IsNullOrEmpty(other.GetElementById("elderId")!.GetAttribute("value")));
        Assert.Contains("未找到所选的老年人", other.GetElementById("elder-pick-status")!.TextContent);
        Assert.True(other.GetElementById("elder-pick-chosen")!.HasAttribute("hidden"));
    }

    [DbFact]
    public async Task Without_script_a_name_search_in_the_url_lists_choices_that_keep_the_page_and_an_identifier_in_the_url_is_refused()
    {
        var name = TestData.Name("页");
        var elder = await JinhuaElder(name: name);
        using var client = await LoggedIn("doctor");
        var doc = Html.ParseDocument(await client.GetStringAsync($"/Referrals/Create?elderQ={Uri.EscapeDataString(name)}&direction=up"));
        var row = Assert.Single(doc.QuerySelectorAll("#elder-pick-results li[data-elder]"));
        Assert.Equal(elder.ToString(), row.GetAttribute("data-elder"));
        Assert.Equal($"/Referrals/Create?direction=up&elderId={elder}", row.QuerySelector("a")!.GetAttribute("href"));

        var id = TestData.IdNumber();
        var refused = Html.ParseDocument(await client.GetStringAsync($"/Referrals/Create?elderQ={id}"));
        Assert.Contains("不能放在网址中", refused.GetElementById("elder-pick-status")!.TextContent);
        Assert.Empty(refused.QuerySelectorAll("#elder-pick-results li"));
        Assert.DoesNotContain(id, refused.Body!.InnerHtml);
    }

    [DbFact]
    public async Task A_chosen_elder_not_confirmed_is_a_message_beside_the_picker_and_nothing_is_written()
    {
        var elder = await JinhuaElder();
        using var client = await LoggedIn("doctor");
        var url = $"/Sickbeds/Apply?elderId={elder}";
        using var r = await client.PostForm(url, url, new()
        {
            ["ElderId"] = elder.ToString(),
            ["Reason"] = "脑梗死后遗症，行动不便，需居家治疗",
            ["DiagnosisCode"] = "I69.3",
            ["DiagnosisName"] = "脑梗死后遗症",
        });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var doc = Html.ParseDocument(await r.Content.ReadAsStringAsync());
        Assert.Contains("已核对", doc.GetElementById("elderId-error")!.TextContent);
        Assert.Equal("true", doc.GetElementById("elderConfirmed")!.GetAttribute("aria-invalid"));
        Assert.NotNull(doc.GetElementById("elder-pick-line"));
        var list = await (await As("doctor")).GetJson($"/api/sickbeds?elderId={elder}");
        Assert.Empty(list["items"]!.AsArray());
    }

    [DbFact]
    public async Task Falls_without_an_elder_is_the_elder_search_whose_choices_open_that_elders_falls()
    {
        var name = TestData.Name("跌");
        var elder = await JinhuaElder(name: name);
        using var client = await LoggedIn("nurse");
        using var bare = await client.GetAsync("/Falls");
        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
        var doc = Html.ParseDocument(await bare.Content.ReadAsStringAsync());
        Assert.NotNull(doc.GetElementById("elder-pick-search"));
        Assert.Null(doc.GetElementById("fall-form"));
        var found = Html.ParseDocument(await client.GetStringAsync($"/Falls?elderQ={Uri.EscapeDataString(name)}"));
        Assert.Equal($"/Falls?elderId={elder}", found.QuerySelector($"#elder-pick-results li[data-elder='{elder}'] a")!.GetAttribute("href"));
        var falls = Html.ParseDocument(await client.GetStringAsync($"/Falls?elderId={elder}"));
        Assert.NotNull(falls.GetElementById("fall-form"));
        Assert.StartsWith(name, falls.GetElementById("fall-elder")!.TextContent);
    }

    [DbFact]
    public async Task The_elder_page_offers_the_actions_of_the_users_role_with_the_elder_chosen()
    {
        var elder = await JinhuaElder();
        using var doctor = await LoggedIn("doctor");
        var doc = Html.ParseDocument(await doctor.GetStringAsync($"/Elders/Details/{elder}"));
        foreach (var (id, href) in new[]
                 {
                     ("act-sign", $"/FamilyDoctor/Sign?elderId={elder}"), ("act-refer", $"/Referrals/Create?elderId={elder}"),
                     ("act-sickbed", $"/Sickbeds/Apply?elderId={elder}"), ("act-fall", $"/Falls?elderId={elder}"),
                 })
            Assert.Equal(href, doc.GetElementById(id)?.GetAttribute("href"));

        using var regulator = await LoggedIn("wjw");
        var seen = Html.ParseDocument(await regulator.GetStringAsync($"/Elders/Details/{elder}"));
        foreach (var id in new[] { "act-sign", "act-refer", "act-sickbed", "act-admit" })
            Assert.Null(seen.GetElementById(id));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ElderPickerTestsSqlite(SqliteAppFixture f) : ElderPickerTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ElderPickerTestsPostgres(PostgresAppFixture f) : ElderPickerTests(f), IPostgresTests;
