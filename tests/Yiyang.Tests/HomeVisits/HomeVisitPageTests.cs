using System.Net;
using AngleSharp.Html.Parser;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.HomeVisits;

public abstract class HomeVisitPageTests(AppFixture fixture) : ApiTestBase(fixture)
{
    [DbFact]
    public async Task A_doctor_starts_a_visit_from_the_work_list_checks_in_sees_a_wrong_vital_beside_its_field_and_completes()
    {
        var elder = await CreateElder(ElderBody(flags: ["disabled"], orgId: await JinhuaId()));
        using var client = await PageClient.LoggedIn(Factory, "doctor");
        var list = new HtmlParser().ParseDocument(await client.GetStringAsync("/HomeCare"));
        var startForm = list.QuerySelectorAll("#overdue form").Single(f => f.QuerySelector("input[name=ElderId]")!.GetAttribute("value") == elder.Id().ToString());
        var key = startForm.QuerySelector("input[name=RequestKey]")!.GetAttribute("value")!;
        var form = new Dictionary<string, string> { ["ElderId"] = elder.Id().ToString(), ["RequestKey"] = key };
        using var start = await client.PostForm("/HomeCare", "/HomeCare?handler=Start", form);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var visitUrl = start.Headers.Location!.OriginalString;
        Assert.StartsWith("/HomeCare/Visit/", visitUrl);
        // a double tap opens the same visit
        using (var again = await client.PostForm("/HomeCare", "/HomeCare?handler=Start", form))
            Assert.Equal(visitUrl, again.Headers.Location!.OriginalString);

        using (var checkIn = await client.PostForm(visitUrl, visitUrl + "?handler=CheckIn",
                   new() { ["Latitude"] = "35.069", ["Longitude"] = "109.075", ["AccuracyMeters"] = "15" }))
            Assert.Equal(HttpStatusCode.Redirect, checkIn.StatusCode);
        var visitId = long.Parse(visitUrl["/HomeCare/Visit/".Length..]);
        var api = await (await As("doctor")).GetJson($"/api/home-visits/{visitId}");
        Assert.Equal(15.0, (double)api["accuracyMeters"]!);
        Assert.Equal(35.069, (double)api["latitude"]!);
        using (var wrong = await client.PostForm(visitUrl, visitUrl + "?handler=Vitals", new() { ["Systolic"] = "1200", ["Diastolic"] = "80" }))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            var doc = new HtmlParser().ParseDocument(await wrong.Content.ReadAsStringAsync());
            Assert.Equal("true", doc.GetElementById("systolic")!.GetAttribute("aria-invalid"));
            Assert.Contains("收缩压", doc.GetElementById("vitals-systolic-error")!.TextContent);
            Assert.Null(doc.GetElementById("diastolic")!.GetAttribute("aria-invalid"));
            Assert.Empty(doc.QuerySelectorAll("main script, main [style]"));
        }
        using (var ok = await client.PostForm(visitUrl, visitUrl + "?handler=Vitals", new() { ["Systolic"] = "130", ["Diastolic"] = "80" }))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        using (var extra = await client.PostForm(visitUrl, visitUrl + "?handler=Service",
                   new() { ["ServiceCode"] = "FD-BP", ["ServiceName"] = "血压测量", ["ServiceStatus"] = "done" }))
            Assert.Equal(HttpStatusCode.Redirect, extra.StatusCode);
        // 金华 charges a 上门服务费 by distance: without the distance the message is beside the field
        using (var noDistance = await client.PostForm(visitUrl, visitUrl + "?handler=Complete", new() { ["ConfirmedBy"] = "self", ["Notes"] = "血压平稳。" }))
        {
            Assert.Equal(HttpStatusCode.OK, noDistance.StatusCode);
            var doc = new HtmlParser().ParseDocument(await noDistance.Content.ReadAsStringAsync());
            Assert.Equal("true", doc.GetElementById("distance")!.GetAttribute("aria-invalid"));
            Assert.Contains("上门距离", doc.GetElementById("complete-distanceKm-error")!.TextContent);
        }
        using (var done = await client.PostForm(visitUrl, visitUrl + "?handler=Complete",
                   new() { ["ConfirmedBy"] = "self", ["Notes"] = "血压平稳。", ["DistanceKm"] = "4.2" }))
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(visitUrl));
        Assert.Equal("已完成", page.GetElementById("visit-status")!.TextContent.Trim());
        Assert.Contains("本人确认", page.GetElementById("completed")!.TextContent);
        // the elder has no package: 血压测量 ¥5.00 + 上门服务费 3–10 km ¥35.00, all paid by the elder
        var charges = page.QuerySelectorAll("#charges li.charge");
        Assert.Equal(new[] { "FD-BP", "SERVICE-FEE" }, charges.Select(c => c.GetAttribute("data-code")));
        Assert.Equal("¥5.00", charges[0].QuerySelector(".charge-amount")!.TextContent);
        Assert.Equal("¥35.00", charges[1].QuerySelector(".charge-amount")!.TextContent);
        Assert.Equal("¥40.00", page.GetElementById("patient-total")!.TextContent);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HomeVisitPageTestsSqlite(SqliteAppFixture f) : HomeVisitPageTests(f);

[Collection(PostgresCollection.Name)]
public sealed class HomeVisitPageTestsPostgres(PostgresAppFixture f) : HomeVisitPageTests(f), IPostgresTests;
