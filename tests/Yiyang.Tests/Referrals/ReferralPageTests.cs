using System.Net;
using AngleSharp.Html.Parser;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Referrals;

public abstract class ReferralPageTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Hospital = "铜川市王益区人民医院（铜川市中医医院）";

    [DbFact]
    public async Task A_doctor_refers_through_the_form_sees_errors_beside_the_fields_and_the_hospital_accepts_from_its_inbox()
    {
        var name = TestData.Name("页");
        var elder = await CreateElder(ElderBody(name: name, orgId: await JinhuaId()));
        var hospital = await OrgId(Hospital);
        using var doctor = await PageClient.LoggedIn(Factory, "doctor");

        // missing impression and history: messages beside the fields, nothing stored
        var form = new Dictionary<string, string>
        {
            ["Direction"] = "up",
            ["ElderId"] = elder.Id().ToString(),
            ["ElderConfirmed"] = "true",
            ["ToOrganizationId"] = hospital.ToString(),
            ["ToDepartment"] = "心内科",
            ["Indication"] = "chronic-worsening",
            ["Urgency"] = "urgent",
            ["Reason"] = "胸闷气短加重",
        };
        using (var bad = await doctor.PostForm("/Referrals/Create", "/Referrals/Create", form))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            var doc = new HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.Equal("请填写初步印象。", doc.GetElementById("initialImpression-error")!.TextContent.Trim());
            Assert.Equal("true", doc.GetElementById("presentHistory")!.GetAttribute("aria-invalid"));
            Assert.Null(doc.GetElementById("pastHistory")!.GetAttribute("aria-invalid"));
            Assert.Equal("胸闷气短加重", doc.GetElementById("reason")!.TextContent);
            Assert.Empty(doc.QuerySelectorAll("main script, main [style]"));
        }
        form["InitialImpression"] = "冠心病心功能不全？";
        form["PresentHistory"] = "活动后胸闷气短 1 周，夜间不能平卧。";
        using var created = await doctor.PostForm("/Referrals/Create", "/Referrals/Create", form);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var detailUrl = created.Headers.Location!.OriginalString;
        Assert.StartsWith("/Referrals/Details/", detailUrl);
        var id = long.Parse(detailUrl["/Referrals/Details/".Length..]);

        // the sender's page: full name, the withdraw button only
        var mine = new HtmlParser().ParseDocument(await doctor.GetStringAsync(detailUrl));
        Assert.Contains(name, mine.QuerySelector("h1")!.TextContent);
        Assert.NotNull(mine.GetElementById("withdraw"));
        Assert.Null(mine.GetElementById("accept"));

        // the hospital's inbox: masked name, waiting time; the detail offers accept and reject
        using var hosp = await PageClient.LoggedIn(Factory, "hospdoctor");
        var inbox = await hosp.GetStringAsync("/Referrals?box=inbox&status=requested");
        var inboxDoc = new HtmlParser().ParseDocument(inbox);
        var row = inboxDoc.QuerySelector($"tr[data-referral='{id}']")!;
        Assert.Contains(name[..1] + "**", row.TextContent);
        Assert.Contains("已等待", row.TextContent);
        Assert.DoesNotContain(name, inbox);
        var theirs = new HtmlParser().ParseDocument(await hosp.GetStringAsync(detailUrl));
        Assert.NotNull(theirs.GetElementById("accept"));
        Assert.NotNull(theirs.GetElementById("reject"));
        Assert.Equal("冠心病心功能不全？", theirs.GetElementById("f-initialImpression")!.TextContent);

        // reject without a reason: the message is beside the reason
        using (var bad = await hosp.PostForm(detailUrl, detailUrl + "?handler=Reject", new() { ["Reason"] = "" }))
        {
            var doc = new HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.Equal("请填写拒绝原因。", doc.GetElementById("reject-reason-error")!.TextContent.Trim());
        }
        using (var ok = await hosp.PostForm(detailUrl, detailUrl + "?handler=Accept", new() { ["ReceivingDoctor"] = "刘医生" }))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var after = new HtmlParser().ParseDocument(await hosp.GetStringAsync(detailUrl));
        Assert.Equal("已接收", after.GetElementById("referral-status")!.TextContent.Trim());
        Assert.NotNull(after.GetElementById("arrive"));

        // a third organization's staff: 404
        using var other = await PageClient.LoggedIn(Factory, "hbdoctor");
        using (var r = await other.GetAsync(detailUrl)) Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        using (var r = await other.GetAsync($"/Referrals/Print/{id}")) Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
    }

    [DbFact]
    public async Task An_attachment_is_uploaded_on_the_page_and_a_wrong_type_is_refused_beside_the_field()
    {
        var elder = await CreateElder(ElderBody(orgId: await JinhuaId()));
        var r = await (await As("doctor")).PostJson("/api/referrals", new
        {
            direction = "up",
            elderId = elder.Id(),
            toOrganizationId = await OrgId(Hospital),
            indication = "specialist",
            reason = "需要 CT 检查",
            initialImpression = "肺部阴影",
            presentHistory = "体检发现肺部阴影。",
        }, HttpStatusCode.Created);
        var url = $"/Referrals/Details/{r.Id()}";
        using var client = await PageClient.LoggedIn(Factory, "doctor");

        async Task<HttpResponseMessage> Upload(string fileName, string type, byte[] bytes)
        {
            var page = await client.GetStringAsync(url);
            var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
            form.Add(file, "Upload", fileName);
            return await client.PostAsync(url + "?handler=Attach", form);
        }

        using (var bad = await Upload("run.sh", "text/plain", "echo hi"u8.ToArray()))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            var doc = new HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.Equal("附件只能是 PDF、JPEG 或 PNG 文件。", doc.GetElementById("file-error")!.TextContent.Trim());
            Assert.Equal("true", doc.GetElementById("file")!.GetAttribute("aria-invalid"));
        }
        using (var renamed = await Upload("报告.png", "image/png", "<script>alert(1)</script>"u8.ToArray()))
        {
            var doc = new HtmlParser().ParseDocument(await renamed.Content.ReadAsStringAsync());
            Assert.Equal("附件内容不是 PNG 文件，请上传真实的 PDF、JPEG 或 PNG 文件。", doc.GetElementById("file-error")!.TextContent.Trim());
        }
        using (var ok = await Upload("报告.png", "image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var after = new HtmlParser().ParseDocument(await client.GetStringAsync(url));
        Assert.Contains("报告.png", after.GetElementById("attachments")!.TextContent);
        Assert.Contains("11 字节", after.GetElementById("attachments")!.TextContent);
    }

    [DbFact]
    public async Task The_printed_form_is_laid_out_like_the_paper_transfer_form()
    {
        var name = TestData.Name("印");
        var elder = await CreateElder(ElderBody(name: name, orgId: await JinhuaId()));
        var doctor = await As("doctor");
        var r = await doctor.PostJson("/api/referrals", new
        {
            direction = "up",
            elderId = elder.Id(),
            toOrganizationId = await OrgId(Hospital),
            toDepartment = "老年医学科",
            indication = "unclear-diagnosis",
            reason = "反复低热原因不明",
            initialImpression = "发热待查",
            presentHistory = "反复低热 2 周。",
            pastHistory = "糖尿病 5 年。",
        }, HttpStatusCode.Created);

        using var client = await PageClient.LoggedIn(Factory, "doctor");
        var html = await client.GetStringAsync($"/Referrals/Print/{r.Id()}");
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Equal("双向转诊（转出）单", doc.GetElementById("p-title")!.TextContent);
        Assert.Contains("存　根", doc.QuerySelector(".paper-stub")!.TextContent);
        Assert.Equal(name, doc.GetElementById("p-name")!.TextContent);
        Assert.Equal("发热待查", doc.GetElementById("p-initialImpression")!.TextContent);
        Assert.Contains("老年医学科", doc.QuerySelector(".paper-stub")!.TextContent);
        Assert.NotNull(doc.QuerySelector("link[href^='/css/referral.css']"));
        Assert.Empty(doc.QuerySelectorAll("main script, main [style], style"));
        // the receiver prints the masked name
        using var hosp = await PageClient.LoggedIn(Factory, "hospdoctor");
        var theirs = new HtmlParser().ParseDocument(await hosp.GetStringAsync($"/Referrals/Print/{r.Id()}"));
        Assert.Equal(name[..1] + "**", theirs.GetElementById("p-name")!.TextContent);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReferralPageTestsSqlite(SqliteAppFixture f) : ReferralPageTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ReferralPageTestsPostgres(PostgresAppFixture f) : ReferralPageTests(f), IPostgresTests;
