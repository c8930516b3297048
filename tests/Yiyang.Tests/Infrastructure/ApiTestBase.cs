using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yiyang.Platform.Data;
using Yiyang.Platform.Web;

namespace Yiyang.Tests.Infrastructure;

/// <summary>Base of the HTTP tests: the provider's factory plus helpers that create the test's own data.</summary>
public abstract class ApiTestBase
{
    private readonly AppFixture _fixture;

    protected ApiTestBase(AppFixture fixture)
    {
        _fixture = fixture;
        if (this is IPostgresTests && TestDatabase.PgServerConnection is null && TestDatabase.IsCi)
            TestDatabase.RequirePgServer(); // CI=true and no PostgreSQL: fail loudly
    }

    protected AppFactory Factory => _fixture.Factory;
    protected DatabaseProvider Provider => Factory.Provider;

    protected Task<HttpClient> As(string user) => Factory.ClientFor(user);

    /// <summary>
    /// Sets <c>Lists:MaxCountedResults</c> until the returned scope is disposed (the tests of a collection run one at a
    /// time, so the shared setting is theirs meanwhile).
    /// </summary>
    protected IDisposable ListCountCap(int cap)
    {
        var settings = Factory.Services.GetRequiredService<IOptions<ListOptions>>().Value;
        var saved = settings.MaxCountedResults;
        settings.MaxCountedResults = cap;
        return new Restore(() => settings.MaxCountedResults = saved);
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }

    public const string Township = "610202002";       // 红旗街街道 (金华)
    public const string Huangbao = "610202100";       // 黄堡镇
    public const string OtherDistrictTownship = "610203001"; // 印台区城关街道

    /// <summary>A valid elder registration body; fields can be replaced by the caller.</summary>
    protected static Dictionary<string, object?> ElderBody(string? id = null, string? name = null, string township = Township,
        string[]? flags = null, long? orgId = null, string? phone = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = name ?? TestData.Name(),
            ["idNumber"] = id ?? TestData.IdNumber(),
            ["phone"] = phone ?? TestData.Phone(),
            ["townshipCode"] = township,
            ["address"] = "王益区红旗街88号3单元201室",
            ["contacts"] = new[] { new { name = "张建国", relation = "儿子", phone = "13900001111" } },
            ["insuranceType"] = "01",
            ["flags"] = flags ?? Array.Empty<string>(),
        };
        if (orgId is not null) body["responsibleOrganizationId"] = orgId;
        return body;
    }

    /// <summary>Registers an elder as <paramref name="user"/> (admin by default) and returns the detail.</summary>
    protected async Task<JsonNode> CreateElder(Dictionary<string, object?>? body = null, string user = "city")
    {
        var client = await As(user);
        return await client.PostJson("/api/elders", body ?? ElderBody(), HttpStatusCode.Created);
    }

    protected async Task<long> OrgId(string exactName)
    {
        var admin = await As("city");
        var list = await admin.GetJson("/api/organizations?pageSize=200&q=" + Uri.EscapeDataString(exactName));
        var match = list["items"]!.AsArray().Single(o => (string)o!["name"]! == exactName);
        return match!.Id();
    }

    /// <summary>A new elder registered to the 金华 centre (the demo doctor's, nurse's and institution admin's organization).</summary>
    protected async Task<long> JinhuaElder(string? id = null, string? name = null, string[]? flags = null) =>
        (await CreateElder(ElderBody(id: id, name: name, flags: flags, orgId: await JinhuaId()))).Id();

    /// <summary>
    /// Signs the elder, as the demo doctor, with a new team of the 金华 centre made of <paramref name="members"/> (anonymous
    /// objects as the team API takes them) and a free package of blood-pressure checks.
    /// </summary>
    protected async Task SignWithNewTeam(long elderId, string teamName, object[] members)
    {
        var doctor = await As("doctor");
        var team = await doctor.PostJson("/api/family-doctor/teams", new { name = teamName, members }, HttpStatusCode.Created);
        var package = await doctor.PostJson("/api/family-doctor/packages", new
        {
            name = TestData.Name("服务包"),
            annualFee = 0m,
            insuranceFund = 0m,
            publicHealthFund = 0m,
            elderPays = 0m,
            items = new object[] { new { serviceCode = "BP01", serviceName = "血压测量", quantity = 4, period = "year" } },
        }, HttpStatusCode.Created);
        await doctor.PostJson("/api/family-doctor/contracts", new { elderId, teamId = team.Id(), packageId = package.Id() }, HttpStatusCode.Created);
    }

    protected Task<long> JinhuaId() => OrgId("王益区金华社区卫生服务中心（老年康复护理部·金华老年公寓）");
    protected Task<long> HuangbaoId() => OrgId("王益区黄堡镇中心卫生院");
}
