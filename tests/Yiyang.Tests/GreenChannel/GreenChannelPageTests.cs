using System.Net;
using AngleSharp.Html.Parser;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.GreenChannel;

public abstract class GreenChannelPageTests(AppFixture fixture) : ApiTestBase(fixture)
{
    [DbFact]
    public async Task A_community_doctor_books_on_the_page_and_the_hospital_confirms_it()
    {
        var name = TestData.Name("通");
        var elder = (await CreateElder(ElderBody(name: name, orgId: await JinhuaId()))).Id();
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(3).ToString("yyyy-MM-dd");
        using var doctor = await PageClient.LoggedIn(Factory, "doctor");
        var page = new HtmlParser().ParseDocument(await doctor.GetStringAsync($"/GreenChannel?date={day}"));
        var quotaId = page.QuerySelectorAll("#quotaId option").Select(o => o.GetAttribute("value")).First(v => !string.IsNullOrEmpty(v))!;

        using (var bad = await doctor.PostForm($"/GreenChannel?date={day}", $"/GreenChannel?handler=Book",
                   new() { ["QuotaId"] = quotaId, ["ElderId"] = elder.ToString(), ["ElderConfirmed"] = "true", ["Date"] = day, ["Reason"] = "" }))
        {
            var doc = new HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.Equal("请填写就诊原因（最多 500 个字）。", doc.GetElementById("reason-error")!.TextContent.Trim());
            Assert.Equal("true", doc.GetElementById("reason")!.GetAttribute("aria-invalid"));
        }
        using (var ok = await doctor.PostForm($"/GreenChannel?date={day}", $"/GreenChannel?handler=Book",
                   new() { ["QuotaId"] = quotaId, ["ElderId"] = elder.ToString(), ["ElderConfirmed"] = "true", ["Date"] = day, ["Reason"] = "反复头晕，需神经内科评估" }))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);

        using var hosp = await PageClient.LoggedIn(Factory, "hospdoctor");
        var list = new HtmlParser().ParseDocument(await hosp.GetStringAsync($"/GreenChannel?date={day}"));
        var row = list.QuerySelectorAll("#appointments tr[data-appointment]").Single(r => r.TextContent.Contains(name[..1] + "**", StringComparison.Ordinal)
                                                                                         && r.TextContent.Contains(day, StringComparison.Ordinal));
        Assert.DoesNotContain(name, list.DocumentElement.OuterHtml);
        var id = row.GetAttribute("data-appointment")!;
        Assert.NotNull(row.QuerySelector($"#confirm-{id}"));
        using (var confirm = await hosp.PostForm($"/GreenChannel?date={day}", "/GreenChannel?handler=Confirm", new() { ["AppointmentId"] = id, ["Date"] = day }))
            Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        var after = new HtmlParser().ParseDocument(await hosp.GetStringAsync($"/GreenChannel?date={day}"));
        Assert.Contains("已确认", after.QuerySelector($"tr[data-appointment='{id}']")!.TextContent);
        Assert.NotNull(after.GetElementById($"arrive-{id}"));
        Assert.Empty(after.QuerySelectorAll("main script, main [style]"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class GreenChannelPageTestsSqlite(SqliteAppFixture f) : GreenChannelPageTests(f);

[Collection(PostgresCollection.Name)]
public sealed class GreenChannelPageTestsPostgres(PostgresAppFixture f) : GreenChannelPageTests(f), IPostgresTests;
