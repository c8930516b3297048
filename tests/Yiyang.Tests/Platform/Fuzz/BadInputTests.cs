using System.Net;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Platform.Fuzz;

/// <summary>The bad inputs that answered 500 in the audit (issue #17, items 15–19) are refused with a Chinese 400/415 problem and write nothing.</summary>
public abstract class BadInputTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private static HttpContent Body(string json, string contentType = "application/json", Encoding? encoding = null) =>
        new ByteArrayContent((encoding ?? Encoding.UTF8).GetBytes(json)) { Headers = { { "Content-Type", contentType } } };

    private static string Login(string userName) => $"{{\"userName\":\"{userName}\",\"password\":\"{AppFactory.DemoPassword}\"}}";

    [DbFact]
    public async Task An_unknown_charset_is_a_415_problem_even_on_the_anonymous_token_request()
    {
        using var r = await Factory.Anonymous().PostAsync("/api/auth/token", Body(Login("city"), "application/json; charset=x-no-such-charset"));
        var p = await r.ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("unsupported-charset", (string?)p["code"]);
        Assert.True(Api.IsChinese((string)p["detail"]!));
    }

    [DbFact]
    public async Task A_GBK_body_is_decoded()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var token = await Factory.Anonymous().PostAsync("/api/auth/token", Body(Login("city"), "application/json; charset=gbk", Encoding.GetEncoding("gbk")));
        await token.ShouldBe(HttpStatusCode.OK);

        var name = TestData.Name("国标");
        var body = System.Text.Json.JsonSerializer.Serialize(ElderBody(name: name), Api.Json);
        using var created = await (await As("city")).PostAsync("/api/elders", Body(body, "application/json; charset=GB18030", Encoding.GetEncoding("gb18030")));
        await created.ShouldBe(HttpStatusCode.Created);
        Assert.Equal(name, (string?)(await created.ReadJson())["name"]);
    }

    [DbFact]
    public async Task A_NUL_in_the_anonymous_login_name_is_a_400_on_the_field()
    {
        using var r = await Factory.Anonymous().PostAsync("/api/auth/token", Body(Login("adm\\u0000in")));
        var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.True(Api.IsChinese(p.FieldErrors("userName").Single()));
    }

    [DbFact]
    public async Task Control_characters_and_unpaired_surrogates_in_a_body_are_refused_and_nothing_is_written()
    {
        var admin = await As("city");
        // as escaped in the JSON text (an unpaired surrogate cannot be written as UTF-8)
        foreach (var bad in new[] { "\\u0000", "\\u001b", "\\ud800", "\\udc00" })
        {
            var name = TestData.Name();
            var body = ElderBody(name: name);
            body["address"] = "王益区@@";
            var json = System.Text.Json.JsonSerializer.Serialize(body, Api.Json).Replace("@@", bad, StringComparison.Ordinal);
            using var r = await admin.PostAsync("/api/elders", Body(json));
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.NotEmpty(p.FieldErrors("address"));
            var found = await admin.GetJson("/api/elders?q=" + Uri.EscapeDataString(name));
            Assert.Empty(found["items"]!.AsArray());
        }
    }

    [DbFact]
    public async Task Newlines_and_tabs_in_free_text_are_accepted()
    {
        var body = ElderBody();
        body["address"] = "王益区红旗街88号\n3单元\t201室";
        await (await As("city")).PostJson("/api/elders", body, HttpStatusCode.Created);
    }

    [DbFact]
    public async Task A_NUL_in_a_query_or_a_page_form_is_refused_before_it_reaches_the_database()
    {
        using var q = await (await As("city")).GetAsync("/api/elders?q=%E5%BC%A0%00");
        Assert.NotEmpty((await q.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("q"));

        using var form = await Factory.Anonymous().PostAsync("/Account/Login",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = "adm\0in", ["Password"] = "x" }));
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.True(Api.IsChinese(await form.Content.ReadAsStringAsync()));
    }

    [DbFact]
    public async Task A_null_element_of_a_list_is_a_400_on_the_element()
    {
        var name = TestData.Name();
        var body = ElderBody(name: name);
        body["contacts"] = new object?[] { new { name = "张建国", relation = "儿子", phone = "13900001111" }, null };
        var admin = await As("city");
        using var r = await admin.PostAsync("/api/elders", Body(System.Text.Json.JsonSerializer.Serialize(body, Api.Json)));
        var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.True(Api.IsChinese(p.FieldErrors("contacts[1]").Single()));
        Assert.Empty((await admin.GetJson("/api/elders?q=" + Uri.EscapeDataString(name)))["items"]!.AsArray());
    }

    [DbFact]
    public async Task Implausible_dates_are_a_400_on_the_field_in_a_body_and_in_a_query()
    {
        var elder = await JinhuaElder();
        var doctor = await As("doctor");
        foreach (var date in new[] { "0001-01-01", "9999-12-31", "1899-12-31", "2100-01-01" })
        {
            using var r = await doctor.PostAsync("/api/health-checks", Body($"{{\"elderId\":{elder},\"checkedOn\":\"{date}\"}}"));
            Assert.Contains("1900-01-01", (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("checkedOn").Single());
        }
        using var q = await (await As("city")).GetAsync("/api/assessments/due?before=0001-01-01");
        Assert.NotEmpty((await q.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("before"));
    }

    [DbFact]
    public async Task A_page_number_that_would_overflow_is_a_400()
    {
        using var r = await (await As("city")).GetAsync("/api/elders?page=2147483647");
        Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("page"));
    }

    /// <summary>
    /// A NUL once failed while PostgreSQL bound the parameters of a statement Npgsql was auto-preparing, and the next
    /// request on that connection failed with "unexpected backend message DataRow" (ADR 0011): alternate both.
    /// </summary>
    [DbFact]
    public async Task Valid_requests_after_refused_ones_succeed()
    {
        var anonymous = Factory.Anonymous();
        for (var i = 0; i < 8; i++)
        {
            using var bad = await anonymous.PostAsync("/api/auth/token", Body(Login("doc\\u0000tor")));
            await bad.ShouldBeProblem(HttpStatusCode.BadRequest);
            using var good = await anonymous.PostAsync("/api/auth/token", Body(Login("doctor")));
            await good.ShouldBe(HttpStatusCode.OK);
        }
    }

    [DbFact]
    public async Task Text_no_database_can_store_never_leaves_for_the_database()
    {
        await using var db = Factory.Database.CreateContext();
        var nul = "a\0b";
        var e = await Assert.ThrowsAsync<Yiyang.Platform.Data.UnstorableTextException>(() =>
            db.Database.ExecuteSqlAsync($"SELECT 1 WHERE {nul} = 'x'"));
        Assert.Equal(400, e.Status);
        Assert.Equal(1, await db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\"").SingleAsync());
    }

    [DbFact]
    public void Responses_carry_no_Server_header() =>
        Assert.False(Factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);
}

[Collection(SqliteCollection.Name)]
public sealed class BadInputTestsSqlite(SqliteAppFixture f) : BadInputTests(f);

[Collection(PostgresCollection.Name)]
public sealed class BadInputTestsPostgres(PostgresAppFixture f) : BadInputTests(f), IPostgresTests;
