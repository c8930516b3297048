using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Yiyang.Tests.Infrastructure;
using JsonApi = Yiyang.Tests.Infrastructure.Api;

namespace Yiyang.Tests.Supervision;

/// <summary>Checklists per bureau and organization kind as versions (docs/domain/supervision.md#checklists).</summary>
public abstract class ChecklistTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Base = "/api/inspections/checklists";

    [DbFact]
    public async Task Every_bureau_has_seeded_checklists_with_the_items_the_issue_names()
    {
        var all = (await (await As("wjw")).GetJson(Base)).AsArray();
        var keys = all.Select(c => $"{c!["bureau"]}/{c["organizationKind"]}").ToHashSet();
        foreach (var k in new[] { "health/medical", "health/integrated", "civil-affairs/elderly-care", "civil-affairs/integrated",
                     "insurance/medical", "insurance/elderly-care", "insurance/integrated" })
            Assert.Contains(k, keys);
        var text = string.Join("\n", all.SelectMany(c => c!["items"]!.AsArray()).Select(i => $"{i!["category"]}｜{i["text"]}"));
        foreach (var expected in new[] { "执业范围", "医疗质量", "院感防控", "物理隔离", "安全生产", "消防安全", "食品安全", "套取医保基金", "床日", "照护记录", "100 张及以上" })
            Assert.Contains(expected, text);
        var integrated = (await (await As("mzj")).GetJson($"{Base}?bureau=civil-affairs&organizationKind=integrated")).AsArray().Single()!;
        Assert.True((bool)integrated["current"]!);
        using (var bad = await (await As("wjw")).GetAsync($"{Base}?organizationKind=hospital"))
            await bad.ShouldBeProblem(HttpStatusCode.BadRequest);
        using (var doctor = await (await As("doctor")).GetAsync(Base))
            await doctor.ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [DbFact]
    public async Task A_revision_is_a_new_version_of_the_regulators_own_bureau_and_the_old_one_stays()
    {
        var ybj = await As("ybj");
        var before = (await ybj.GetJson($"{Base}?bureau=insurance&organizationKind=medical")).AsArray().Single()!;
        var saved = await ybj.PostJson(Base, new
        {
            organizationKind = "medical",
            name = "医疗保障·定点医疗机构检查表（修订）",
            items = new[] { new { category = "医保基金", text = "床日结算与在院记录一致" }, new { category = "执业范围", text = "协议在有效期内" } },
        }, HttpStatusCode.Created);
        Assert.Equal("insurance", (string?)saved["bureau"]);
        Assert.Equal((int)before["versionNo"]! + 1, (int)saved["versionNo"]!);
        Assert.Equal(2, saved["items"]!.AsArray().Count);
        var old = await ybj.GetJson($"{Base}/{before.Id()}");
        Assert.False((bool)old["current"]!);
        Assert.Equal(before["items"]!.AsArray().Count, old["items"]!.AsArray().Count);
        var now = (await ybj.GetJson($"{Base}?bureau=insurance&organizationKind=medical")).AsArray().Single()!;
        Assert.Equal(saved.Id(), now.Id());
        // the health bureau's checklist of the same kind is untouched
        Assert.Equal(1, (int)(await ybj.GetJson($"{Base}?bureau=health&organizationKind=medical")).AsArray().Single()!["versionNo"]!);

        using var bad = await ybj.PostAsJsonAsync(Base, new { organizationKind = "medical", name = "", items = new[] { new { category = "", text = "x" } } }, JsonApi.Json);
        var p = await bad.ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(p.FieldErrors("name"));
        Assert.Contains("第 1 项", p.FieldErrors("items").Single());
    }

    [DbFact]
    public async Task The_checklist_page_saves_a_new_version()
    {
        using var mzj = await PageClient.LoggedIn(Factory, "mzj");
        var page = new HtmlParser().ParseDocument(await mzj.GetStringAsync("/Supervision/Checklists?kind=elderly-care"));
        Assert.NotNull(page.GetElementById("edit-elderly-care"));
        Assert.Null(page.GetElementById("edit-medical")); // the health bureau's
        Assert.Contains("食品安全｜", page.GetElementById("items")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("main script, main [style]"));
        using (var ok = await mzj.PostForm("/Supervision/Checklists?kind=elderly-care", "/Supervision/Checklists?handler=Save",
                   new() { ["Kind"] = "elderly-care", ["Name"] = "民政·养老机构检查表", ["ItemLines"] = "消防安全｜疏散通道畅通\n食品安全｜食品留样" }))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var current = (await (await As("mzj")).GetJson($"{Base}?bureau=civil-affairs&organizationKind=elderly-care")).AsArray().Single()!;
        Assert.Equal(["疏散通道畅通", "食品留样"], current["items"]!.AsArray().Select(i => (string)i!["text"]!));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ChecklistTestsSqlite(SqliteAppFixture f) : ChecklistTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ChecklistTestsPostgres(PostgresAppFixture f) : ChecklistTests(f), IPostgresTests;
