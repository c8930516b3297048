using System.Net;
using AngleSharp.Html.Parser;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.HealthManagement;

public abstract class PrescriptionPageTests(AppFixture fixture) : ApiTestBase(fixture)
{
    [DbFact]
    public async Task A_doctor_prescribes_on_the_form_sees_a_refused_item_beside_its_row_then_dispenses_and_stops_on_the_elder_page()
    {
        var elderId = (await CreateElder(ElderBody(orgId: await JinhuaId()))).Id();
        using var client = await PageClient.LoggedIn(Factory, "doctor");
        var url = $"/HealthManagement/Prescribe?elderId={elderId}";
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd");
        var form = new Dictionary<string, string>
        {
            ["ElderId"] = elderId.ToString(),
            ["DiagnosisCode"] = "I10",
            ["DiagnosisName"] = "原发性高血压",
            ["ConditionStable"] = "true",
            ["StartOn"] = today,
            ["ValidityDays"] = "84",
            // row 0 left blank (as the browser posts it); row 1 a general drug; row 2 a sedative
            ["Items[0].DrugName"] = "",
            ["Items[0].Route"] = "口服",
            ["Items[0].Category"] = "general",
            ["Items[0].DaysPerDispensing"] = "28",
            ["Items[1].DrugName"] = "苯磺酸氨氯地平片",
            ["Items[1].Category"] = "general",
            ["Items[1].Spec"] = "5mg×28片",
            ["Items[1].Dose"] = "5mg",
            ["Items[1].Frequency"] = "每日一次",
            ["Items[1].Route"] = "口服",
            ["Items[1].Quantity"] = "28",
            ["Items[1].Unit"] = "片",
            ["Items[1].DaysPerDispensing"] = "28",
            ["Items[2].DrugName"] = "艾司唑仑片",
            ["Items[2].Category"] = "psychotropic-2",
            ["Items[2].Spec"] = "1mg×20片",
            ["Items[2].Dose"] = "1mg",
            ["Items[2].Frequency"] = "睡前",
            ["Items[2].Route"] = "口服",
            ["Items[2].Quantity"] = "20",
            ["Items[2].Unit"] = "片",
            ["Items[2].DaysPerDispensing"] = "20",
        };
        using (var bad = await client.PostForm(url, url, new(form)))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            var doc = new HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.Equal("true", doc.GetElementById("items-2-category")!.GetAttribute("aria-invalid"));
            Assert.Equal("第 2 项“艾司唑仑片”为第二类精神药品，不得开具长期处方。", doc.GetElementById("items-2-category-error")!.TextContent.Trim());
            Assert.Empty(doc.QuerySelectorAll("main script, main [style]"));
        }
        form["Items[2].Category"] = "general";
        string elderPage;
        using (var ok = await client.PostForm(url, url, new(form)))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
            elderPage = ok.Headers.Location!.OriginalString.Split('#')[0];
            var doc = new HtmlParser().ParseDocument(await client.GetStringAsync(elderPage));
            var rx = doc.QuerySelector("article.ltp")!;
            Assert.Contains("I10 原发性高血压", rx.QuerySelector("h3")!.TextContent);
            Assert.Equal("有效", rx.QuerySelector(".tag")!.TextContent.Trim());
            Assert.Equal(2, rx.QuerySelectorAll("li").Length);
        }
        var rxId = new HtmlParser().ParseDocument(await client.GetStringAsync(elderPage)).QuerySelector("article.ltp")!.Id!["ltp-".Length..];
        Dictionary<string, string> Step(int version, string? reason = null) => new()
        {
            ["PrescriptionId"] = rxId,
            ["PrescriptionVersion"] = version.ToString(),
            ["StopReason"] = reason ?? "",
        };
        using (var d = await client.PostForm(elderPage, elderPage + "?handler=Dispense", Step(0))) Assert.Equal(HttpStatusCode.Redirect, d.StatusCode);
        using (var again = await client.PostForm(elderPage, elderPage + "?handler=Dispense", Step(1)))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            var doc = new HtmlParser().ParseDocument(await again.Content.ReadAsStringAsync());
            Assert.StartsWith("取药日期应晚于上次取药日期", doc.GetElementById($"ltp-{rxId}-error")!.TextContent.Trim());
        }
        using (var s = await client.PostForm(elderPage, elderPage + "?handler=Stop", Step(1, "患者转诊上级医院"))) Assert.Equal(HttpStatusCode.Redirect, s.StatusCode);
        var after = new HtmlParser().ParseDocument(await client.GetStringAsync(elderPage));
        Assert.Equal("已停用", after.QuerySelector("article.ltp .tag")!.TextContent.Trim());
        Assert.Contains("停用原因：患者转诊上级医院", after.QuerySelector("article.ltp")!.TextContent);
        Assert.Null(after.GetElementById($"ltp-{rxId}-dispense"));

        // the work list reminds the team of prescriptions ending within 14 days
        var soon = (await CreateElder(ElderBody(orgId: await JinhuaId()))).Id();
        var start = DateTime.UtcNow.AddHours(8).AddDays(-80).ToString("yyyy-MM-dd"); // 84 days → ends in 3 days
        await (await As("doctor")).PostJson("/api/long-term-prescriptions", new
        {
            elderId = soon,
            diagnosisCode = "E11.9",
            diagnosisName = "2型糖尿病",
            conditionStable = true,
            startOn = start,
            validityDays = 84,
            items = new[] { new { drugName = "盐酸二甲双胍片", spec = "0.5g×48片", dose = "0.5g", frequency = "每日两次", route = "口服", category = "general", quantity = 56, unit = "片", daysPerDispensing = 28 } },
        }, HttpStatusCode.BadRequest); // 80 days ago is before the allowed start window (30 days)
        var rx2 = await (await As("doctor")).PostJson("/api/long-term-prescriptions", new
        {
            elderId = soon,
            diagnosisCode = "E11.9",
            diagnosisName = "2型糖尿病",
            conditionStable = true,
            startOn = DateTime.UtcNow.AddHours(8).AddDays(-25).ToString("yyyy-MM-dd"),
            validityDays = 28,
            items = new[] { new { drugName = "盐酸二甲双胍片", spec = "0.5g×48片", dose = "0.5g", frequency = "每日两次", route = "口服", category = "general", quantity = 56, unit = "片", daysPerDispensing = 28 } },
        }, HttpStatusCode.Created);
        var work = new HtmlParser().ParseDocument(await client.GetStringAsync("/HealthManagement"));
        var reminder = work.QuerySelector($"#expiring a[href$='#ltp-{rx2.Id()}']")!.ParentElement!.TextContent;
        Assert.Contains("E11.9 2型糖尿病", reminder);
        Assert.Contains("（还剩 2 天）", reminder); // 25 days ago + 28 − 1 = in 2 days
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PrescriptionPageTestsSqlite(SqliteAppFixture f) : PrescriptionPageTests(f);

[Collection(PostgresCollection.Name)]
public sealed class PrescriptionPageTestsPostgres(PostgresAppFixture f) : PrescriptionPageTests(f), IPostgresTests;
