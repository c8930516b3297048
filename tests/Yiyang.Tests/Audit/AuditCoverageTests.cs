using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Platform.Audit;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Audit;

/// <summary>
/// What is audited besides changes and detail views: list reads of people (page and elders shown), denials (403/404 with
/// user and route), the auditor's own reads and verifications, the security admin's user listings.
/// </summary>
public abstract class AuditCoverageTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private async Task<JsonArray> Entries(string query) =>
        (await (await As("auditor")).GetJson($"/api/audit?{query}"))["items"]!.AsArray();

    [DbFact]
    public async Task A_list_read_is_audited_with_its_page_and_the_elders_shown()
    {
        var page = await (await As("wjw")).GetJson("/api/elders?regionCode=610202&page=2&pageSize=5");
        var ids = page["items"]!.AsArray().Select(i => i!.Id()).ToList();
        Assert.Equal(5, ids.Count);
        var entry = (await Entries("action=elder.list&userName=wjw&pageSize=1")).Single()!;
        var detail = (string)entry["detail"]!;
        Assert.Contains("page=2; shown=5; kind=all", detail);
        Assert.EndsWith("elders=" + AuditIds.Compact(ids), detail);
        Assert.Equal("610202", (string?)entry["subjectId"]);
    }

    [DbFact]
    public async Task The_ledger_records_the_elders_it_listed()
    {
        var ledger = await (await As("wjw")).GetJson("/api/elders/ledger/610202100");
        var ids = ledger.AsArray().Select(i => i!.Id()).ToList();
        var entry = (await Entries("action=elder.ledger.view&userName=wjw&pageSize=1")).Single()!;
        Assert.Contains($"shown={ids.Count}", (string)entry["detail"]!);
        if (ids.Count > 0) Assert.Contains(AuditIds.Compact(ids).Split(',')[0], (string)entry["detail"]!);
    }

    [DbFact]
    public async Task A_forbidden_request_is_audited_with_user_and_route()
    {
        using (var r = await (await As("doctor")).GetAsync("/api/audit?subjectId=1"))
            await r.ShouldBeProblem(HttpStatusCode.Forbidden);
        var entry = (await Entries("action=access.denied&userName=doctor&pageSize=1")).Single()!;
        Assert.Equal("doctor", (string?)entry["role"]);
        Assert.StartsWith("GET /api/audit", (string)entry["detail"]!);
        Assert.DoesNotContain("subjectId=1", (string)entry["detail"]!); // never the query string

        using var client = await PageClient.LoggedIn(Factory, "nurse");
        using (await client.GetAsync("/Audit")) { }
        var page = (await Entries("action=access.denied&userName=nurse&pageSize=1")).Single()!;
        Assert.StartsWith("GET /Audit", (string)page["detail"]!);
    }

    [DbFact]
    public async Task A_record_out_of_scope_is_audited_as_not_found_with_its_id()
    {
        using (var r = await (await As("doctor")).GetAsync("/api/elders/987654321"))
            await r.ShouldBeProblem(HttpStatusCode.NotFound);
        var entry = (await Entries("action=access.not-found&userName=doctor&pageSize=1")).Single()!;
        Assert.Equal("987654321", (string?)entry["subjectId"]);
        Assert.StartsWith("GET /api/elders/{id", (string)entry["detail"]!);
    }

    [DbFact]
    public async Task The_auditors_own_reads_and_verifications_are_audited()
    {
        var auditor = await As("auditor");
        await auditor.GetJson("/api/audit?action=login&page=1&pageSize=3");
        var v = await auditor.GetJson("/api/audit/verify?latest=50");
        var verify = (await Entries("action=audit.verify&userName=auditor&pageSize=1")).Single()!;
        Assert.Contains($"scope=latest 50; intact={((bool)v["intact"]! ? "yes" : "no")}", (string)verify["detail"]!);
        var read = await Entries("action=audit.read&userName=auditor&pageSize=20");
        Assert.Contains(read, e => ((string)e!["detail"]!).StartsWith("page=1; rows=3", StringComparison.Ordinal)
                                   && ((string)e["detail"]!).Contains("action=login"));
    }

    [DbFact]
    public async Task The_security_admins_user_listing_is_audited()
    {
        var users = (await (await As("security")).GetJson("/api/users")).AsArray();
        var entry = (await Entries("action=user.list&userName=security&pageSize=1")).Single()!;
        Assert.Equal($"users={users.Count}", (string?)entry["detail"]);
    }

    [DbFact]
    public async Task Verification_compares_the_chain_with_the_latest_checkpoint()
    {
        await CreateElder();
        var checkpoint = await Factory.Services.GetRequiredService<AuditLog>().CheckpointAsync();
        var v = await (await As("auditor")).GetJson("/api/audit/verify");
        Assert.True((bool)v["intact"]!, (string?)v["problem"]);
        Assert.True((int)v["checkpoints"]! >= 1);
        Assert.NotNull(v["keyedFromId"]);
        if (checkpoint is not null) Assert.True((long)v["latestCheckpoint"]!["lastId"]! >= checkpoint.LastId);
        Assert.True(Directory.EnumerateFiles(Factory.AuditCheckpointDirectory, "checkpoints-*.jsonl").Any());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditCoverageTestsSqlite(SqliteAppFixture f) : AuditCoverageTests(f);

[Collection(PostgresCollection.Name)]
public sealed class AuditCoverageTestsPostgres(PostgresAppFixture f) : AuditCoverageTests(f), IPostgresTests;

public sealed class AuditIdsTests
{
    [Fact]
    public void Ids_are_written_ascending_with_runs_as_ranges()
    {
        Assert.Equal("3-6,9,11-12", AuditIds.Compact([12, 4, 3, 5, 6, 9, 11, 4]));
        Assert.Equal("", AuditIds.Compact([]));
    }

    [Fact]
    public void Long_lists_are_split_into_pieces_that_fit()
    {
        var ids = Enumerable.Range(0, 200).Select(i => 1_000_000L + i * 7).ToList();
        var pieces = AuditIds.Split(ids, 100);
        Assert.True(pieces.Count > 1);
        Assert.All(pieces, p => Assert.True(p.Length <= 100));
        Assert.Equal(AuditIds.Compact(ids), string.Join(",", pieces));
    }
}
