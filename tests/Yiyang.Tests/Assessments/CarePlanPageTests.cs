using System.Net;
using AngleSharp.Html.Parser;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Assessments;

public abstract class CarePlanPageTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private static string Today => DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd");

    /// <summary>A signed GB/T 42195 assessment with the worked example (total 75 → 1 级) through the API.</summary>
    private async Task SignedLevel1(long elderId)
    {
        var doctor = await As("doctor");
        var a = await doctor.PostJson("/api/assessments", new Dictionary<string, object?>
        {
            ["elderId"] = elderId,
            ["instrumentCode"] = "gbt42195-2022",
            ["reason"] = "initial",
            ["assessedOn"] = Today,
            ["assessors"] = new object[] { "李建华", "王丽" },
            ["items"] = AnswerBuilder.Gbt75(),
        }, HttpStatusCode.Created);
        await doctor.PostJson($"/api/assessments/{a.Id()}/sign", new { }, HttpStatusCode.OK);
    }

    [DbFact]
    public async Task A_nurse_proposes_a_plan_from_the_elders_page_corrects_a_row_and_confirms_it()
    {
        var elderId = (await CreateElder(ElderBody(orgId: await JinhuaId()))).Id();
        await SignedLevel1(elderId);
        using var client = await PageClient.LoggedIn(Factory, "nurse");
        var elderUrl = $"/Assessments/Elder/{elderId}";
        var elderPage = new HtmlParser().ParseDocument(await client.GetStringAsync(elderUrl));
        Assert.Equal("1 级 · 一级照护（轻度）", elderPage.QuerySelector("#care-level")!.TextContent.Trim());
        Assert.NotNull(elderPage.QuerySelector("#no-plans"));
        var action = WebUtility.HtmlDecode(elderPage.QuerySelector("button#propose")!.Closest("form")!.GetAttribute("action")!);

        using var proposed = await client.PostForm(elderUrl, action, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        var planUrl = proposed.Headers.Location!.OriginalString;
        var draft = new HtmlParser().ParseDocument(await client.GetStringAsync(planUrl));
        Assert.Equal("草稿", draft.QuerySelector("#plan-status")!.TextContent.Trim());
        Assert.Equal("FD-HA", draft.QuerySelector("#item-0-code")!.GetAttribute("value"));
        Assert.Equal("CARE-DAILY", draft.QuerySelector("#item-2-code")!.GetAttribute("value"));
        Assert.Empty(draft.QuerySelectorAll("main script, main [style]"));
        Assert.Equal(5, draft.QuerySelectorAll("fieldset.plan-item").Length); // 3 proposed + 2 blank rows

        // post the form as shown, with a wrong frequency in the third row
        var form = new Dictionary<string, string>();
        foreach (var input in draft.QuerySelectorAll("#plan-form input[name], #plan-form textarea[name]"))
        {
            var name = input.GetAttribute("name")!;
            if (input.GetAttribute("type") == "checkbox")
            {
                if (input.HasAttribute("checked")) form[name] = "true";
                continue;
            }
            form[name] = input.TagName == "TEXTAREA" ? input.TextContent : input.GetAttribute("value") ?? "";
        }
        foreach (var select in draft.QuerySelectorAll("#plan-form select[name]"))
            form[select.GetAttribute("name")!] = select.QuerySelector("option[selected]")?.GetAttribute("value") ?? "";
        form["Items[2].FrequencyCount"] = "30"; // more than 14 a week
        var confirmAction = WebUtility.HtmlDecode(draft.QuerySelector("button#confirm")!.GetAttribute("formaction")!);
        using var bad = await client.PostForm(planUrl, confirmAction, form);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badPage = new HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
        Assert.Contains("1–14", badPage.GetElementById("items-2--frequencyCount-error")!.TextContent);
        Assert.Equal("true", badPage.QuerySelector("#item-2-count")!.GetAttribute("aria-invalid"));
        Assert.Equal("草稿", badPage.QuerySelector("#plan-status")!.TextContent.Trim());

        form["Items[2].FrequencyCount"] = "3";
        using var ok = await client.PostForm(planUrl, confirmAction, form);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var confirmed = new HtmlParser().ParseDocument(await client.GetStringAsync(planUrl));
        Assert.Equal("生效中", confirmed.QuerySelector("#plan-status")!.TextContent.Trim());
        Assert.Contains("每周 3 次", confirmed.QuerySelector("#plan-items tr[data-code='CARE-DAILY']")!.TextContent);
        Assert.Null(confirmed.QuerySelector("#plan-form"));
        Assert.NotNull(confirmed.QuerySelector("button#revise"));

        var after = new HtmlParser().ParseDocument(await client.GetStringAsync(elderUrl));
        Assert.Contains("生效中", after.QuerySelector("#care-plans")!.TextContent);
    }

    [DbFact]
    public async Task The_care_levels_page_shows_the_mapping_and_the_form_only_to_authorised_users()
    {
        using var doctor = await PageClient.LoggedIn(Factory, "doctor");
        var page = new HtmlParser().ParseDocument(await doctor.GetStringAsync("/Assessments/CareLevels"));
        Assert.Equal(5, page.QuerySelectorAll("#mapping-gbt tbody tr").Length);
        Assert.Equal(6, page.QuerySelectorAll("#mapping-ltc tbody tr").Length);
        Assert.Null(page.QuerySelector("#mapping-form"));
        using var admin = await PageClient.LoggedIn(Factory, "admin");
        var adminPage = new HtmlParser().ParseDocument(await admin.GetStringAsync("/Assessments/CareLevels"));
        Assert.NotNull(adminPage.QuerySelector("#mapping-form"));
        Assert.Empty(adminPage.QuerySelectorAll("main script, main [style]"));

        // a bad edit comes back with the message beside the field and changes nothing
        var form = new Dictionary<string, string> { ["Version"] = adminPage.QuerySelector("#mapping-form input[name=Version]")!.GetAttribute("value")!, ["Note"] = "" };
        for (var i = 0; i < 8; i++) form[$"Names[{i}]"] = i < 5 ? $"等级{i}号" : "";
        foreach (var (i, v) in new[] { 0, 2, 1, 3, 4 }.Select((v, i) => (i, v))) form[$"Gbt42195[{i}]"] = v.ToString();
        for (var i = 0; i < 6; i++) form[$"Ltc2021[{i}]"] = Math.Min(i, 4).ToString();
        using var r = await admin.PostForm("/Assessments/CareLevels", "/Assessments/CareLevels", form);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var bad = new HtmlParser().ParseDocument(await r.Content.ReadAsStringAsync());
        Assert.Contains("更低", bad.GetElementById("gbt42195-2--error")!.TextContent);
        Assert.Equal(form["Version"], bad.QuerySelector("#mapping-form input[name=Version]")!.GetAttribute("value"));
    }

    [DbFact]
    public async Task The_ltc_tables_page_is_edited_by_the_insurance_bureau_and_a_bad_edit_is_shown_beside_the_table()
    {
        using var doctor = await PageClient.LoggedIn(Factory, "doctor");
        var view = new HtmlParser().ParseDocument(await doctor.GetStringAsync("/Assessments/LtcTables"));
        Assert.Equal(16, view.QuerySelectorAll("#current-matrix tbody td").Length);
        Assert.Null(view.QuerySelector("#ltc-form"));

        using var ybj = await PageClient.LoggedIn(Factory, "ybj");
        var page = new HtmlParser().ParseDocument(await ybj.GetStringAsync("/Assessments/LtcTables"));
        var formEl = page.QuerySelector("#ltc-form")!;
        Assert.Empty(page.QuerySelectorAll("main script, main [style]"));
        var form = new Dictionary<string, string>();
        foreach (var input in formEl.QuerySelectorAll("input[name]")) form[input.GetAttribute("name")!] = input.GetAttribute("value") ?? "";
        foreach (var select in formEl.QuerySelectorAll("select[name]"))
            form[select.GetAttribute("name")!] = select.QuerySelector("option[selected]")?.GetAttribute("value") ?? "";
        Assert.Equal("12", form["CognitionBands[1].Min"]); // the default 轻度受损 12–15
        form["CognitionBands[2].Max"] = "12";                // now 12 is covered twice
        using var r = await ybj.PostForm("/Assessments/LtcTables", "/Assessments/LtcTables", form);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var bad = new HtmlParser().ParseDocument(await r.Content.ReadAsStringAsync());
        Assert.Contains("重复覆盖得分 12", bad.GetElementById("cognitionBands-error")!.TextContent);
        Assert.Equal(form["Version"], bad.QuerySelector("#ltc-form input[name=Version]")!.GetAttribute("value"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CarePlanPageTestsSqlite(SqliteAppFixture f) : CarePlanPageTests(f);

[Collection(PostgresCollection.Name)]
public sealed class CarePlanPageTestsPostgres(PostgresAppFixture f) : CarePlanPageTests(f), IPostgresTests;
