using System.Net;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Audit;

public abstract class AuditAndUsersTests(AppFixture fixture) : ApiTestBase(fixture)
{
    [DbFact]
    public async Task The_auditor_filters_the_audit_trail_by_subject()
    {
        var e = await CreateElder();
        await (await As("city")).GetJson($"/api/elders/{e.Id()}");
        var page = await (await As("auditor")).GetJson($"/api/audit?subjectId={e.Id()}");
        var items = page["items"]!.AsArray();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.True((string?)i!["subjectId"] == e.Id().ToString() || (long?)i["elderId"] == e.Id()));
        Assert.Contains(items, i => (string?)i!["action"] == "elder.create" && (string?)i["userName"] == "city");
        Assert.Contains(items, i => (string?)i!["action"] == "elder.view");
        var ids = items.Select(i => i!.Id()).ToList();
        Assert.Equal(ids.OrderDescending(), ids); // newest first
        Assert.All(items, i => Assert.Matches("^[0-9a-f]{64}$", (string)i!["hash"]!));

        var byAction = await (await As("auditor")).GetJson($"/api/audit?subjectId={e.Id()}&action=elder.create");
        Assert.All(byAction["items"]!.AsArray(), i => Assert.Equal("elder.create", (string?)i!["action"]));
    }

    [DbFact]
    public async Task The_audit_list_counts_up_to_the_setting_and_says_when_there_are_more()
    {
        var e = await CreateElder();
        var admin = await As("city");
        for (var i = 0; i < 3; i++) await admin.GetJson($"/api/elders/{e.Id()}"); // create + three views: four entries
        var auditor = await As("auditor");
        using (ListCountCap(2))
        {
            var capped = await auditor.GetJson($"/api/audit?subjectId={e.Id()}&pageSize=1");
            Assert.Equal(2, (int)capped["total"]!);
            Assert.True((bool)capped["totalCapped"]!);
            var views = await auditor.GetJson($"/api/audit?subjectId={e.Id()}&action=elder.view&pageSize=1&page=3");
            Assert.Single(views["items"]!.AsArray()); // the pages reach past the counted total

            // the page says "more than" too
            using var client = await PageClient.LoggedIn(Factory, "auditor");
            Assert.Contains("超过 2 条", await client.GetStringAsync($"/Audit?subjectId={e.Id()}"));
        }
        using (ListCountCap(0))
        {
            var exact = await auditor.GetJson($"/api/audit?subjectId={e.Id()}&action=elder.view&pageSize=500");
            Assert.True((int)exact["total"]! >= 3);
            Assert.Equal(exact["items"]!.AsArray().Count, (int)exact["total"]!);
            Assert.False((bool)exact["totalCapped"]!);
        }
    }

    [DbFact]
    public async Task The_audit_chain_verifies_as_intact()
    {
        await CreateElder();
        var v = await (await As("auditor")).GetJson("/api/audit/verify");
        Assert.True((bool)v["intact"]!);
        Assert.True((long)v["checked"]! > 0);
        Assert.Null((long?)v["firstBrokenId"]);
    }

    [DbFact]
    public async Task Logins_and_failed_logins_are_audited()
    {
        var auditor = await As("auditor");
        await Assert.ThrowsAsync<InvalidOperationException>(() => Factory.IssueTokenAsync("mzj", "definitely-wrong"));
        var page = await auditor.GetJson("/api/audit?userName=mzj&action=login");
        Assert.Contains(page["items"]!.AsArray(), i => (string?)i!["action"] == "login.failed");
    }

    [DbFact]
    public async Task The_platform_admin_cannot_read_the_audit_trail_or_manage_users()
    {
        var admin = await As("admin");
        foreach (var url in new[] { "/api/audit", "/api/audit/verify", "/api/users" })
        {
            using var r = await admin.GetAsync(url);
            await r.ShouldBeProblem(HttpStatusCode.Forbidden);
        }
        using var post = await admin.PostAsync("/api/users", System.Net.Http.Json.JsonContent.Create(new { userName = "x" }));
        await post.ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [DbFact]
    public async Task The_security_admin_creates_lists_and_unlocks_users()
    {
        var security = await As("security");
        var userName = "nurse" + Guid.NewGuid().ToString("N")[..8];
        var created = await security.PostJson("/api/users", new
        {
            userName,
            displayName = "新护士",
            password = "Nurse2026pass",
            role = "nurse",
            organizationId = await JinhuaId(),
        }, HttpStatusCode.Created);
        Assert.Equal("nurse", (string?)created["role"]);
        Assert.Equal("护士", (string?)created["roleName"]);
        Assert.DoesNotContain("password", created.ToJsonString(), StringComparison.OrdinalIgnoreCase);

        var list = (await security.GetJson("/api/users")).AsArray();
        Assert.Contains(list, u => (string?)u!["userName"] == userName);
        Assert.Contains(list, u => (string?)u!["userName"] == "city");

        var unlocked = await security.PostJson($"/api/users/{created.Id()}/unlock", new { }, HttpStatusCode.OK);
        Assert.False((bool)unlocked["isLockedOut"]!);

        var token = await Factory.IssueTokenAsync(userName, "Nurse2026pass");
        Assert.False(string.IsNullOrEmpty(token));
        using var missing = await security.PostAsync("/api/users/999999999/unlock", null);
        await missing.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task Invalid_or_duplicate_users_are_refused()
    {
        var security = await As("security");
        using (var r = await security.PostAsync("/api/users", System.Net.Http.Json.JsonContent.Create(
                   new { userName = "a", displayName = "", password = "short", role = "wizard" })))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            foreach (var f in new[] { "userName", "displayName", "password", "role" }) Assert.NotEmpty(p.FieldErrors(f));
        }
        using (var r = await security.PostAsync("/api/users", System.Net.Http.Json.JsonContent.Create(
                   new { userName = "reg" + Guid.NewGuid().ToString("N")[..6], displayName = "监管", password = "Regulator2026", role = "regulator" })))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.NotEmpty(p.FieldErrors("bureau"));
            Assert.NotEmpty(p.FieldErrors("regionCode"));
        }
        using (var r = await security.PostAsync("/api/users", System.Net.Http.Json.JsonContent.Create(
                   new { userName = "doctor", displayName = "重复", password = "Duplicate2026", role = "call-operator", regionCode = "6102" })))
            await r.ShouldBeProblem(HttpStatusCode.Conflict);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditAndUsersTestsSqlite(SqliteAppFixture f) : AuditAndUsersTests(f);

[Collection(PostgresCollection.Name)]
public sealed class AuditAndUsersTestsPostgres(PostgresAppFixture f) : AuditAndUsersTests(f), IPostgresTests;
