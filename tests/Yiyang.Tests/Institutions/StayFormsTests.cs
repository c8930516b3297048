using System.Net;
using AngleSharp.Html.Parser;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Institutions;

/// <summary>The admission form's ID-card way on the bed board, and the transfer (转床) and discharge (离院) forms of the stay page.</summary>
public abstract class StayFormsTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private static readonly HtmlParser Parser = new();
    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd");

    private static async Task<(long Id, string Label)> Bed(HttpClient api, long org)
    {
        var room = "R" + Guid.NewGuid().ToString("N")[..6];
        var id = (await api.PostJson($"/api/institutions/{org}/beds", new { ward = "表单病区", room, number = "1", kind = "nursing" }, HttpStatusCode.Created)).Id();
        return (id, $"表单病区 {room} 1床");
    }

    [DbFact]
    public async Task The_bed_board_admits_an_elder_of_another_organization_by_id_card()
    {
        var org = await JinhuaId();
        var (bed, _) = await Bed(await As("nurse"), org);
        var idNumber = TestData.IdNumber();
        var name = TestData.Name("骆");
        await CreateElder(ElderBody(id: idNumber, name: name, township: Huangbao, orgId: await HuangbaoId()));
        using var client = await PageClient.LoggedIn(Factory, "nurse");

        var board = Parser.ParseDocument(await client.GetStringAsync("/Institutions"));
        Assert.NotNull(board.GetElementById("admitBy-elder")!.GetAttribute("checked"));
        Assert.Equal("/Elders/Create", board.GetElementById("register-link")!.GetAttribute("href"));

        var form = new Dictionary<string, string> { ["AdmitBy"] = "id", ["BedId"] = bed.ToString() };
        using (var bad = await client.PostForm("/Institutions", "/Institutions?handler=Admit", new(form)))
        {
            var doc = Parser.ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.Equal("请填写身份证号码。", doc.GetElementById("idNumber-error")!.TextContent.Trim());
            Assert.Equal("请填写与身份证一致的姓名。", doc.GetElementById("name-error")!.TextContent.Trim());
            Assert.NotNull(doc.GetElementById("admitBy-id")!.GetAttribute("checked"));
        }
        form["IdNumber"] = idNumber;
        form["Name"] = name + "甲";
        using (var bad = await client.PostForm("/Institutions", "/Institutions?handler=Admit", new(form)))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            var doc = Parser.ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.Equal("未找到身份证号与姓名相符的老年人档案。请核对，或先为其建档。", doc.GetElementById("idNumber-error")!.TextContent.Trim());
            Assert.Equal("true", doc.GetElementById("idNumber")!.GetAttribute("aria-invalid"));
            Assert.Equal(idNumber, doc.GetElementById("idNumber")!.GetAttribute("value"));
            Assert.Contains("空床", doc.QuerySelector($"tr[data-bed='{bed}']")!.TextContent);
        }
        form["Name"] = name;
        using (var ok = await client.PostForm("/Institutions", "/Institutions?handler=Admit", new(form)))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
            var doc = Parser.ParseDocument(await client.GetStringAsync(ok.Headers.Location!.OriginalString));
            Assert.Equal("已办理入住。", doc.GetElementById("done")!.TextContent.Trim());
            var occupant = doc.QuerySelector($"tr[data-bed='{bed}'] a[data-stay]")!.TextContent;
            Assert.StartsWith(name[..1], occupant, StringComparison.Ordinal);
            Assert.DoesNotContain(name, occupant); // masked on the board
        }

        // a caregiver may not register elders: no link, whom to ask instead
        using var caregiver = await PageClient.LoggedIn(Factory, "caregiver");
        var welfareBoard = Parser.ParseDocument(await caregiver.GetStringAsync("/Institutions"));
        Assert.Null(welfareBoard.GetElementById("register-link"));
        Assert.Contains("请联系本机构的医生、护士或机构管理员", welfareBoard.GetElementById("register-hint")!.TextContent);
    }

    [DbFact]
    public async Task The_stay_page_transfers_to_a_free_bed_and_discharges_after_confirmation()
    {
        var org = await JinhuaId();
        var nurse = await As("nurse");
        var a = await Bed(nurse, org);
        var b = await Bed(nurse, org);
        var c = await Bed(nurse, org);
        async Task<long> Admit(long elder, long bed) =>
            (await nurse.PostJson($"/api/institutions/{org}/admissions", new { elderId = elder, bedId = bed }, HttpStatusCode.Created)).Id();
        var stay = await Admit((await CreateElder(ElderBody(orgId: org))).Id(), a.Id);
        await Admit((await CreateElder(ElderBody(orgId: org))).Id(), c.Id);
        using var client = await PageClient.LoggedIn(Factory, "nurse");
        var url = $"/Institutions/Stay/{stay}";

        var page = Parser.ParseDocument(await client.GetStringAsync(url));
        var options = page.QuerySelectorAll("#bedId option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains(b.Id.ToString(), options);
        Assert.DoesNotContain(a.Id.ToString(), options); // its own bed
        Assert.DoesNotContain(c.Id.ToString(), options); // occupied
        Assert.Equal(D(TestData.ChinaToday), page.GetElementById("dischargedOn")!.GetAttribute("value"));

        using (var bad = await client.PostForm(url, url + "?handler=Transfer", new()))
            Assert.Equal("请选择转入的床位。", Parser.ParseDocument(await bad.Content.ReadAsStringAsync()).GetElementById("bedId-error")!.TextContent.Trim());
        using (var bad = await client.PostForm(url, url + "?handler=Transfer", new() { ["BedId"] = c.Id.ToString() }))
        {
            var doc = Parser.ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.Equal($"{c.Label}已有住户，一张床位同一时间只能住一位老人。", doc.GetElementById("bedId-error")!.TextContent.Trim());
            Assert.Equal(a.Label, doc.GetElementById("bed-label")!.TextContent.Trim());
        }
        using (var ok = await client.PostForm(url, url + "?handler=Transfer", new() { ["BedId"] = b.Id.ToString() }))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
            var doc = Parser.ParseDocument(await client.GetStringAsync(ok.Headers.Location!.OriginalString));
            Assert.Equal("已转床。", doc.GetElementById("done")!.TextContent.Trim());
            Assert.Equal(b.Label, doc.GetElementById("bed-label")!.TextContent.Trim());
            Assert.Contains(a.Id.ToString(), doc.QuerySelectorAll("#bedId option").Select(o => o.GetAttribute("value")));
        }

        // on leave: the service's refusal beside the discharge form, nothing changed
        await nurse.PostJson($"/api/institutions/stays/{stay}/leaves", new { kind = "personal", expectedReturnOn = D(TestData.ChinaToday.AddDays(2)) }, HttpStatusCode.Created);
        var discharge = new Dictionary<string, string> { ["DischargedOn"] = D(TestData.ChinaToday), ["Reason"] = "discharged", ["Confirm"] = "true" };
        using (var bad = await client.PostForm(url, url + "?handler=Discharge", new(discharge)))
        {
            var doc = Parser.ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.Equal("该老人外出（请假/住院）尚未返回，请先登记返回再办理离院。", doc.GetElementById("discharge-error")!.TextContent.Trim());
            Assert.StartsWith("外出·请假", doc.GetElementById("stay-status")!.TextContent.Trim(), StringComparison.Ordinal);
        }
        await nurse.PostJson($"/api/institutions/stays/{stay}/leaves/return", new { }, HttpStatusCode.OK);

        // not confirmed: nothing sent
        using (var bad = await client.PostForm(url, url + "?handler=Discharge", new() { ["DischargedOn"] = D(TestData.ChinaToday) }))
        {
            var doc = Parser.ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.Equal("离院办理后不能撤销，请核对后勾选确认。", doc.GetElementById("confirm-error")!.TextContent.Trim());
            Assert.Equal("请选择离院原因。", doc.GetElementById("reason-error")!.TextContent.Trim());
            Assert.Equal("在院", doc.GetElementById("stay-status")!.TextContent.Trim());
        }
        using (var ok = await client.PostForm(url, url + "?handler=Discharge", new(discharge)))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
            var doc = Parser.ParseDocument(await client.GetStringAsync(ok.Headers.Location!.OriginalString));
            Assert.Equal("已办理离院，床位已空出。", doc.GetElementById("done")!.TextContent.Trim());
            Assert.Equal($"已离院（出院，{D(TestData.ChinaToday)}）", doc.GetElementById("stay-status")!.TextContent.Trim());
            foreach (var form in new[] { "leave-form", "return-form", "transfer-form", "discharge-form" }) Assert.Null(doc.GetElementById(form));
            Assert.Empty(doc.QuerySelectorAll("main script, main [style]"));
        }
        var board = Parser.ParseDocument(await client.GetStringAsync("/Institutions"));
        Assert.Contains("空床", board.QuerySelector($"tr[data-bed='{b.Id}']")!.TextContent);
        Assert.Contains("空床", board.QuerySelector($"tr[data-bed='{a.Id}']")!.TextContent);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class StayFormsTestsSqlite(SqliteAppFixture f) : StayFormsTests(f);

[Collection(PostgresCollection.Name)]
public sealed class StayFormsTestsPostgres(PostgresAppFixture f) : StayFormsTests(f), IPostgresTests;
