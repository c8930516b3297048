using System.Net;
using System.Net.Http.Json;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Platform;

public abstract class ConcurrencyTests(AppFixture fixture) : ApiTestBase(fixture)
{
    [DbFact]
    public async Task Two_concurrent_updates_from_the_same_version_give_exactly_one_success()
    {
        var e = await CreateElder();
        var a = await As("city");
        var b = await As("city");
        var responses = await Task.WhenAll(
            a.PutJson($"/api/elders/{e.Id()}", new { name = TestData.Name("甲"), townshipCode = Township }, "W/\"0\""),
            b.PutJson($"/api/elders/{e.Id()}", new { name = TestData.Name("乙"), townshipCode = Township }, "W/\"0\""));
        try
        {
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            var loser = responses.Single(r => r.StatusCode != HttpStatusCode.OK);
            Assert.Contains(loser.StatusCode, new[] { HttpStatusCode.PreconditionFailed, HttpStatusCode.Conflict });
            Assert.Equal("application/problem+json", loser.Content.Headers.ContentType?.MediaType);
            var after = await a.GetJson($"/api/elders/{e.Id()}");
            Assert.Equal(1, (int)after["version"]!);
            var edits = (await a.GetJson($"/api/elders/{e.Id()}/timeline")).AsArray().Count(t => (string?)t!["kind"] == "elder.edited");
            Assert.Equal(1, edits);
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
    }

    [DbFact]
    public async Task Concurrent_wrong_passwords_are_all_counted_towards_the_lockout()
    {
        var security = await As("security");
        var userName = "brute" + Guid.NewGuid().ToString("N")[..8];
        const string password = "Brutetest2026ok";
        await security.PostJson("/api/users", new { userName, displayName = "并发锁定", password, role = "call-operator", regionCode = "6102" }, HttpStatusCode.Created);

        using var client = Factory.Anonymous();
        var attempts = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            client.PostAsJsonAsync("/api/auth/token", new { userName, password = "guess" + i })));
        var codes = attempts.Select(r => (int)r.StatusCode).ToList();
        foreach (var r in attempts) r.Dispose();
        // every guess is refused with the same 401 (wrong password and locked account alike), never lost to a write conflict
        Assert.All(codes, c => Assert.Equal(401, c));
        using var right = await client.PostAsJsonAsync("/api/auth/token", new { userName, password });
        await right.ShouldBeProblem(HttpStatusCode.Unauthorized);
        var users = await security.GetJson("/api/users");
        Assert.True((bool)users.AsArray().Single(u => (string?)u!["userName"] == userName)!["isLockedOut"]!);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ConcurrencyTestsSqlite(SqliteAppFixture f) : ConcurrencyTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ConcurrencyTestsPostgres(PostgresAppFixture f) : ConcurrencyTests(f), IPostgresTests;
