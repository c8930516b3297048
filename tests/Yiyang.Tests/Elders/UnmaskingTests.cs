using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Elders;
using Yiyang.Platform.Data;
using Yiyang.Platform.Security;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Elders;

/// <summary>
/// The side channels that unmasked a masked ID number or phone: the birth date next to the ID mask, unlimited exact
/// searches to confirm a guess, phone searches by roles that may not see phones, a 409 naming an out-of-scope record,
/// the 居民健康卡号 in clear, identifiers in page URLs, and implausible birth dates.
/// </summary>
public abstract class UnmaskingTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Welfare = "王益区社会福利院"; // the caregiver's organization

    private static List<long> Ids(JsonNode page) => page["items"]!.AsArray().Select(i => i!.Id()).ToList();

    /// <summary>Turns the per-user limit of exact searches on (the test host runs with it off) until disposed.</summary>
    private IDisposable ExactSearchLimit(int limit)
    {
        var o = Factory.Services.GetRequiredService<IOptions<ElderOptions>>().Value;
        var saved = (o.ExactSearchLimit, o.ExactSearchWindowMinutes);
        (o.ExactSearchLimit, o.ExactSearchWindowMinutes) = (limit, 60);
        return new Undo(() => (o.ExactSearchLimit, o.ExactSearchWindowMinutes) = saved);
    }

    private sealed class Undo(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }

    private async Task<JsonArray> AuditEntries(string query)
    {
        var auditor = await As("auditor");
        JsonArray entries = [];
        for (var i = 0; i < 50 && entries.Count == 0; i++) // the audit trail is written in the background
        {
            entries = (await auditor.GetJson("/api/audit?" + query))["items"]!.AsArray();
            if (entries.Count == 0) await Task.Delay(100);
        }
        return entries;
    }

    // --- birth date: the mask plus the full birth date left about a hundred candidates ---

    [DbFact]
    public async Task Roles_that_may_not_reveal_the_ID_see_the_age_but_not_the_birth_date()
    {
        var id = TestData.IdNumber();
        var e = await CreateElder(ElderBody(id, orgId: await OrgId(Welfare)));
        var birth = TestData.BirthOf(id);
        var age = (int)e["age"]!;
        foreach (var user in new[] { "wjw", "operator", "caregiver", "city" })
        {
            using var r = await (await As(user)).GetAsync($"/api/elders/{e.Id()}");
            await r.ShouldBe(HttpStatusCode.OK);
            var text = await r.Content.ReadAsStringAsync();
            var d = JsonNode.Parse(text)!;
            Assert.Null((string?)d["birthDate"]);
            Assert.Equal(age, (int)d["age"]!);
            Assert.Equal(id[..3] + new string('*', 11) + id[^4..], (string?)d["idNumberMasked"]);
            // the date is nowhere in the answer, in neither notation
            Assert.DoesNotContain(birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), text);
            Assert.DoesNotContain(birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture), text);
        }
        // roles that may reveal the ID number (and so read the date in it) still see the date
        var own = TestData.IdNumber();
        var jinhua = await CreateElder(ElderBody(own, orgId: await JinhuaId()));
        foreach (var user in new[] { "doctor", "nurse", "orgadmin" })
            Assert.Equal(TestData.BirthOf(own).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                (string?)(await (await As(user)).GetJson($"/api/elders/{jinhua.Id()}"))["birthDate"]);
    }

    [DbFact]
    public async Task The_details_page_shows_a_regulator_the_age_and_a_doctor_the_birth_date()
    {
        var id = TestData.IdNumber();
        var e = await CreateElder(ElderBody(id), user: "doctor");
        var birth = TestData.BirthOf(id);
        var dateText = $"{birth.Year}年{birth.Month}月{birth.Day}日";

        var regulator = await PageClient.LoggedIn(Factory, "wjw");
        var html = await regulator.GetStringAsync($"/Elders/Details/{e.Id()}");
        Assert.Contains($"<dd id=\"age\">{(int)e["age"]!} 岁</dd>", html);
        Assert.DoesNotContain(dateText, html);
        Assert.DoesNotContain("出生日期", html);

        var doctor = await PageClient.LoggedIn(Factory, "doctor");
        Assert.Contains(dateText, await doctor.GetStringAsync($"/Elders/Details/{e.Id()}"));
    }

    // --- exact searches: throttled per user, audited, phone only for roles that may see phones ---

    [DbFact]
    public async Task Exact_searches_beyond_the_limit_get_a_429_with_Retry_After_and_name_searches_go_on()
    {
        var targetId = TestData.IdNumber();
        var target = await CreateElder(ElderBody(targetId));
        var guesses = Enumerable.Range(0, 3).Select(_ => TestData.IdNumber()).ToList(); // three wrong guesses
        using (ExactSearchLimit(3))
        {
            var regulator = await As("wjw");
            foreach (var g in guesses) Assert.Empty(Ids(await regulator.GetJson("/api/elders?q=" + g)));

            // the fourth try — the right one — is refused: a guess can no longer be confirmed at machine speed
            using var r = await regulator.GetAsync("/api/elders?q=" + targetId);
            var p = await r.ShouldBeProblem(HttpStatusCode.TooManyRequests);
            Assert.Equal("too-many-requests", (string?)p["code"]);
            Assert.True(Infrastructure.Api.IsChinese((string)p["detail"]!));
            var retry = r.Headers.RetryAfter?.Delta ?? throw new Xunit.Sdk.XunitException("no Retry-After");
            Assert.InRange(retry.TotalSeconds, 3000, 3600); // the oldest search of the window leaves it in about an hour

            // a name prefix is not an exact search; another user has a quota of their own
            Assert.Equal([target.Id()], Ids(await regulator.GetJson("/api/elders?q=" + Uri.EscapeDataString((string)target["name"]!))));
            await (await As("operator")).GetJson("/api/elders?q=" + guesses[0]);

            // once the oldest search has left the window, the user may search again (a 1-minute window, the clock 2 minutes on)
            Factory.Services.GetRequiredService<IOptions<ElderOptions>>().Value.ExactSearchWindowMinutes = 1;
            Factory.Clock.Offset = TimeSpan.FromMinutes(2);
            try
            {
                Assert.Equal([target.Id()], Ids(await regulator.GetJson("/api/elders?q=" + targetId)));
            }
            finally
            {
                Factory.Clock.Offset = TimeSpan.Zero;
            }
        }
    }

    [DbFact]
    public async Task Each_exact_search_is_audited_with_the_keyed_hash_of_the_query_and_the_matched_elders()
    {
        var id = TestData.IdNumber();
        var phone = TestData.Phone();
        var e = await CreateElder(ElderBody(id, phone: phone));
        var miss = TestData.IdNumber();
        var operatorClient = await As("operator");
        Assert.Equal([e.Id()], Ids(await operatorClient.GetJson("/api/elders?q=" + id)));
        Assert.Equal([e.Id()], Ids(await operatorClient.GetJson("/api/elders?q=" + phone)));
        Assert.Empty(Ids(await operatorClient.GetJson("/api/elders?q=" + miss)));

        // the hash is the HMAC of the registry's lookup hash (the test host's key): an auditor holding a record finds every search for it
        var pii = new Yiyang.Platform.Security.PiiProtector(Convert.FromBase64String(AppFactory.PiiEncryptionKey), Convert.FromBase64String(AppFactory.PiiHashKey));
        string Hex(string purpose, string value) => Convert.ToHexStringLower(pii.Hash(purpose, value));

        var hits = await AuditEntries($"action=elder.search.exact&elderId={e.Id()}");
        Assert.Equal(2, hits.Count);
        Assert.All(hits, h => Assert.Equal("operator", (string?)h!["userName"]));
        var details = hits.Select(h => (string)h!["detail"]!).ToList();
        Assert.Contains($"kind=id; hash={Hex("id", id)}; results=1; matched={e.Id()}", details);
        Assert.Contains($"kind=phone; hash={Hex("phone", phone)}; results=1; matched={e.Id()}", details);

        // a miss is audited too, under its own hash and with no match; no entry carries an identifier itself
        var all = await AuditEntries("action=elder.search.exact&userName=operator&pageSize=500");
        var missEntry = all.Single(h => (string)h!["detail"]! == $"kind=id; hash={Hex("id", miss)}; results=0; matched=");
        Assert.Null((long?)missEntry!["elderId"]);
        var json = all.ToJsonString();
        foreach (var secret in new[] { id, phone, miss }) Assert.DoesNotContain(secret, json);
    }

    [DbFact]
    public async Task A_regulator_cannot_search_by_phone_and_the_attempt_is_audited()
    {
        var phone = TestData.Phone();
        var e = await CreateElder(ElderBody(phone: phone));
        using var r = await (await As("wjw")).GetAsync("/api/elders?q=" + phone);
        var p = await r.ShouldBeProblem(HttpStatusCode.Forbidden);
        Assert.Contains("电话", (string)p["detail"]!);
        Assert.DoesNotContain(phone, p.ToJsonString());
        Assert.NotEmpty(await AuditEntries("action=elder.search.denied&userName=wjw"));

        // the call operator, who may reveal phones, finds the elder by phone
        Assert.Equal([e.Id()], Ids(await (await As("operator")).GetJson("/api/elders?q=" + phone)));
    }

    // --- 409 on registration: no id of an out-of-scope record ---

    [DbFact]
    public async Task A_duplicate_registration_names_the_existing_record_only_when_the_caller_may_see_it()
    {
        var id = TestData.IdNumber();
        var outside = await CreateElder(ElderBody(id, township: Huangbao, orgId: await OrgId("王益区黄堡镇中心卫生院")));
        using var r = await (await As("doctor")).PostAsJsonAsync("/api/elders", ElderBody(id), Infrastructure.Api.Json);
        var p = await r.ShouldBeProblem(HttpStatusCode.Conflict);
        Assert.Equal("duplicate-id-number", (string?)p["code"]);
        Assert.Null(p["existingId"]);
        Assert.DoesNotContain(outside.Id().ToString(CultureInfo.InvariantCulture), (string)p["detail"]!);

        // editing another record to that number: the same
        var own = await CreateElder(ElderBody(), user: "doctor");
        var body = ElderBody(id, name: (string)own["name"]!);
        body.Remove("phone");
        using var u = await (await As("doctor")).PutJson($"/api/elders/{own.Id()}", body, "W/\"0\"");
        Assert.Null((await u.ShouldBeProblem(HttpStatusCode.Conflict))["existingId"]);

        // the registering page says it is registered, without a record number
        var page = await PageClient.LoggedIn(Factory, "doctor");
        using var form = await page.PostForm("/Elders/Create", "/Elders/Create", new Dictionary<string, string>
        {
            ["Form.Name"] = TestData.Name(),
            ["Form.IdNumber"] = id,
            ["Form.TownshipCode"] = Township,
        });
        var html = await form.Content.ReadAsStringAsync();
        Assert.Contains("已登记", html);
        Assert.DoesNotContain("档案编号", html);
    }

    // --- 居民健康卡号 masked like the other identifiers ---

    [DbFact]
    public async Task The_health_card_number_is_masked_and_revealed_only_with_a_reason_by_roles_that_may_reveal_the_ID()
    {
        const string card = "H6102021234567890";
        var body = ElderBody();
        body["healthCardNo"] = card;
        var e = await CreateElder(body, user: "doctor");
        Assert.Equal("H61**********7890", (string?)e["healthCardNoMasked"]);
        Assert.DoesNotContain(card, e.ToJsonString());
        using (var r = await (await As("wjw")).GetAsync($"/api/elders/{e.Id()}"))
            Assert.DoesNotContain(card, await r.Content.ReadAsStringAsync());

        var reveal = new { field = "healthCardNo", reason = "核对医保结算" };
        Assert.Equal(card, (string?)(await (await As("doctor")).PostJson($"/api/elders/{e.Id()}/reveal", reveal, HttpStatusCode.OK))["value"]);
        using (var r = await (await As("wjw")).PostAsJsonAsync($"/api/elders/{e.Id()}/reveal", reveal))
            await r.ShouldBeProblem(HttpStatusCode.Forbidden);

        // the pages: masked on the details, not in the edit form, and an edit that leaves it empty keeps it
        var doctor = await PageClient.LoggedIn(Factory, "doctor");
        Assert.Contains("H61**********7890", await doctor.GetStringAsync($"/Elders/Details/{e.Id()}"));
        Assert.DoesNotContain(card, await doctor.GetStringAsync($"/Elders/Details/{e.Id()}"));
        var edit = await doctor.GetStringAsync($"/Elders/Edit/{e.Id()}");
        Assert.DoesNotContain(card, edit);
        using var saved = await doctor.PostForm($"/Elders/Edit/{e.Id()}", $"/Elders/Edit/{e.Id()}", new Dictionary<string, string>
        {
            ["Form.Name"] = (string)e["name"]!,
            ["Form.TownshipCode"] = Township,
            ["Form.HealthCardNo"] = "",
            ["Form.Version"] = "0",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("H61**********7890", (string?)(await (await As("doctor")).GetJson($"/api/elders/{e.Id()}"))["healthCardNoMasked"]);
    }

    [DbFact]
    public async Task The_health_card_number_is_stored_only_encrypted_and_a_number_left_in_clear_is_encrypted_at_start_up()
    {
        const string card = "H6102029876543210";
        var body = ElderBody();
        body["healthCardNo"] = card;
        var id = (await CreateElder(body, user: "doctor")).Id();
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YiyangDb>();
        var stored = await db.Elders.AsNoTracking().SingleAsync(x => x.Id == id);
        Assert.Null(stored.HealthCardPending);
        Assert.NotNull(stored.HealthCardCipher);
        Assert.False(System.Text.Encoding.UTF8.GetString(stored.HealthCardCipher!).Contains(card[5..], StringComparison.Ordinal));

        // a number from before the encryption, still in clear: read, masked and revealed the same; then encrypted by the upgrade
        const string old = "H6102021111122222";
        var legacy = (await CreateElder(ElderBody(), user: "doctor")).Id();
        await db.Database.ExecuteSqlAsync($"UPDATE elders_elder SET health_card_pending = {old}, health_card_cipher = NULL, health_card_masked = NULL WHERE id = {legacy}");
        Assert.Equal("H61**********2222", (string?)(await (await As("doctor")).GetJson($"/api/elders/{legacy}"))["healthCardNoMasked"]);
        var reveal = new { field = "healthCardNo", reason = "核对医保结算" };
        Assert.Equal(old, (string?)(await (await As("doctor")).PostJson($"/api/elders/{legacy}/reveal", reveal, HttpStatusCode.OK))["value"]);

        var upgrade = scope.ServiceProvider.GetServices<IDataUpgrade>().OfType<HealthCardEncryption>().Single();
        Assert.True(await upgrade.RunAsync(CancellationToken.None) >= 1);
        Assert.Equal(0, await upgrade.RunAsync(CancellationToken.None));
        var after = await db.Elders.AsNoTracking().SingleAsync(x => x.Id == legacy);
        Assert.Null(after.HealthCardPending);
        Assert.Equal("H61**********2222", after.HealthCardMasked);
        Assert.Equal(old, scope.ServiceProvider.GetRequiredService<PiiProtector>().Decrypt(after.HealthCardCipher!));
        Assert.Equal(old, (string?)(await (await As("doctor")).PostJson($"/api/elders/{legacy}/reveal", reveal, HttpStatusCode.OK))["value"]);
    }

    // --- pages keep full identifiers out of URLs ---

    [DbFact]
    public async Task The_elder_search_page_posts_identifiers_and_does_not_search_one_put_in_its_URL()
    {
        var id = TestData.IdNumber();
        var e = await CreateElder(ElderBody(id));
        var admin = await PageClient.LoggedIn(Factory, "city");

        var list = await admin.GetStringAsync("/Elders");
        Assert.Contains("<form method=\"post\" action=\"/Elders\"", list);

        using var posted = await admin.PostForm("/Elders", "/Elders", new Dictionary<string, string> { ["q"] = id });
        await posted.ShouldBe(HttpStatusCode.OK);
        var html = await posted.Content.ReadAsStringAsync();
        Assert.Contains($"/Elders/Details/{e.Id()}", html);
        Assert.Contains("找到 1 人", html);
        Assert.DoesNotContain("q=" + id, html); // no pager or other link carries it

        // an old link with the ID in its query string is not searched
        var linked = await admin.GetStringAsync("/Elders?q=" + id);
        Assert.DoesNotContain($"/Elders/Details/{e.Id()}", linked);
        Assert.Contains("不能放在网址中", linked);
        Assert.DoesNotContain(id, linked);
    }

    [DbFact]
    public async Task The_search_page_shows_the_throttle_as_a_429_with_a_Chinese_message()
    {
        using (ExactSearchLimit(1))
        {
            var page = await PageClient.LoggedIn(Factory, "operator");
            using (var first = await page.PostForm("/Elders", "/Elders", new Dictionary<string, string> { ["q"] = TestData.IdNumber() }))
                await first.ShouldBe(HttpStatusCode.OK);
            using var second = await page.PostForm("/Elders", "/Elders", new Dictionary<string, string> { ["q"] = TestData.IdNumber() });
            await second.ShouldBe(HttpStatusCode.TooManyRequests);
            Assert.NotNull(second.Headers.RetryAfter);
            Assert.Contains("过于频繁", await second.Content.ReadAsStringAsync());
        }
    }

    // --- GB 11643 plausibility: nobody older than 120 ---

    [DbFact]
    public async Task A_birth_date_making_the_elder_older_than_120_is_refused_at_registration_edit_and_import()
    {
        var today = TestData.ChinaToday;
        var tooOld = TestData.IdNumberBornOn(new DateOnly(1880, 1, 1), male: true); // the audit's example: age 146
        var justOver = TestData.IdNumberBornOn(today.AddYears(-121), male: false);
        var oldest = TestData.IdNumberBornOn(today.AddYears(-120).AddDays(1), male: true); // 119, turning 120 tomorrow
        var admin = await As("city");
        foreach (var id in new[] { tooOld, justOver })
        {
            using var r = await admin.PostAsJsonAsync("/api/elders", ElderBody(id), Infrastructure.Api.Json);
            var message = Assert.Single((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("idNumber"));
            Assert.Contains("超过 120 岁", message);
        }
        Assert.Equal(119, (int)(await CreateElder(ElderBody(oldest)))["age"]!);

        var e = await CreateElder();
        var body = ElderBody(tooOld, name: (string)e["name"]!);
        using (var u = await admin.PutJson($"/api/elders/{e.Id()}", body, "W/\"0\""))
            Assert.Contains("超过 120 岁", Assert.Single((await u.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("idNumber")));

        var csv = new ByteArrayContent(Encoding.UTF8.GetBytes($"姓名,身份证号,乡镇代码\n{TestData.Name("导")},{tooOld},{Township}\n"));
        csv.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var imported = await admin.PostAsync("/api/imports/elders", csv);
        await imported.ShouldBe(HttpStatusCode.OK);
        var result = await imported.ReadJson();
        Assert.Equal(0, (int)result["imported"]!);
        var error = result["errors"]!.AsArray().Single()!;
        Assert.Equal("idNumber", (string?)error["field"]);
        Assert.Contains("超过 120 岁", (string)error["message"]!);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UnmaskingTestsSqlite(SqliteAppFixture f) : UnmaskingTests(f);

[Collection(PostgresCollection.Name)]
public sealed class UnmaskingTestsPostgres(PostgresAppFixture f) : UnmaskingTests(f), IPostgresTests;
