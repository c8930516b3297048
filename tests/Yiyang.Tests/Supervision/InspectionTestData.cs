using System.Net;
using System.Text.Json.Nodes;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Supervision;

/// <summary>A drawn organization (金华) with its two drawn inspectors, from a fresh 卫健 plan of 红旗街街道 at 100 %.</summary>
public sealed record DrawnEntity(long PlanId, long DrawId, long OrganizationId, IReadOnlyList<long> InspectorIds, IReadOnlyList<string> InspectorNames);

public static class InspectionTestData
{
    /// <summary>A 1×1 PNG (a real image: the signature check reads its first bytes).</summary>
    public const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    /// <summary>Something that starts like a JPEG.</summary>
    public static readonly string Jpeg = Convert.ToBase64String([0xFF, 0xD8, 0xFF, 0xE0, .. "photo of the kitchen"u8.ToArray()]);

    public static async Task<DrawnEntity> DrawJinhua(Func<string, Task<HttpClient>> @as, long jinhua)
    {
        var wjw = await @as("wjw");
        var plan = await wjw.PostJson("/api/inspections/plans", new
        {
            name = TestData.Name("现场检查"),
            bureau = "health",
            year = DateTime.UtcNow.AddHours(8).Year,
            ratioPercent = 100,
            regionCode = "610202002",
        }, HttpStatusCode.Created);
        var draw = await wjw.PostJson($"/api/inspections/plans/{plan.Id()}/draw", new { seed = "onsite-" + Guid.NewGuid().ToString("N")[..8] }, HttpStatusCode.Created);
        var entity = draw["entities"]!.AsArray().Single(e => (long)e!["organizationId"]! == jinhua)!;
        var ids = entity["inspectorIds"]!.AsArray().Select(i => (long)i!).ToList();
        var users = (await (await @as("security")).GetJson("/api/users")).AsArray();
        return new DrawnEntity(plan.Id(), (long)draw["drawId"]!, jinhua, ids, [.. ids.Select(id => (string)users.Single(u => u!.Id() == id)!["userName"]!)]);
    }

    /// <summary>Answers every item: the given positions fail, the last one is not applicable, the rest pass.</summary>
    public static object AllResults(JsonNode inspection, params int[] failing)
    {
        var items = inspection["items"]!.AsArray();
        var last = items.Count;
        return new
        {
            items = items.Select(i => (int)i!["position"]!).Select(p => new
            {
                position = p,
                result = failing.Contains(p) ? "fail" : p == last ? "na" : "pass",
                note = failing.Contains(p) ? "现场发现问题" : null,
            }).ToArray(),
        };
    }
}
