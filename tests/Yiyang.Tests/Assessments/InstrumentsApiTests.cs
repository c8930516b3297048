using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Assessments;

public abstract class InstrumentsApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private static Dictionary<string, object?> Gbt75(bool withB11 = true)
    {
        var items = AnswerBuilder.Gbt75().ToDictionary(k => k.Key, k => (object?)k.Value);
        if (!withB11) items.Remove("B1.1");
        return items;
    }

    [DbFact]
    public async Task The_five_instruments_are_listed_with_code_version_and_name()
    {
        var list = (await (await As("nurse")).GetJson("/api/instruments")).AsArray();
        Assert.Equal(["gbt42195-2022", "phs-selfcare", "tcm-constitution-65", "barthel", "ltc-2021"], list.Select(i => (string)i!["code"]!));
        Assert.All(list, i => Assert.True(Infrastructure.Api.IsChinese((string)i!["name"]!)));
        Assert.All(list, i => Assert.False(string.IsNullOrEmpty((string?)i!["version"])));
    }

    [DbFact]
    public async Task A_definition_has_sections_items_options_and_flags()
    {
        var d = await (await As("doctor")).GetJson("/api/instruments/gbt42195-2022");
        Assert.Equal("gbt42195-2022", (string)d["code"]!);
        var sections = d["sections"]!.AsArray();
        Assert.Equal(4, sections.Count);
        Assert.Equal(26, sections.Sum(s => s!["items"]!.AsArray().Count));
        var stairs = sections.SelectMany(s => s!["items"]!.AsArray()).Single(i => (string)i!["key"]! == "B2.4")!;
        Assert.Equal("上下楼梯", (string)stairs["label"]!);
        Assert.Equal((0, 3), ((int)stairs["min"]!, (int)stairs["max"]!));
        Assert.Equal(4, stairs["options"]!.AsArray().Count);
        Assert.Equal(32, (int)sections[0]!["maxSubtotal"]!);
        var fields = d["fields"]!.AsArray().Select(f => (string)f!["key"]!).ToList();
        Assert.Equal(["coma", "diagnoses", "psychiatristDiagnosed", "riskEvents30d"], fields);
    }

    [DbFact]
    public async Task An_unknown_instrument_is_a_404_problem()
    {
        var client = await As("doctor");
        using var r = await client.GetAsync("/api/instruments/mmse");
        var p = await r.ShouldBeProblem(HttpStatusCode.NotFound);
        Assert.True(Infrastructure.Api.IsChinese((string)p["detail"]!));
        using var r2 = await client.PostAsJsonAsync("/api/instruments/mmse/score", new { items = new { } });
        await r2.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task GB_T_42195_is_scored_with_subtotals_levels_and_adjustments()
    {
        var body = new Dictionary<string, object?>
        {
            ["items"] = Gbt75(),
            ["diagnoses"] = new[] { "F01.9" },
            ["riskEvents30d"] = new Dictionary<string, int> { ["fall"] = 1, ["choking"] = 1, ["suicide"] = 0, ["selfHarm"] = 0, ["wandering"] = 0, ["other"] = 0 },
        };
        var r = await (await As("nurse")).PostJson("/api/instruments/gbt42195-2022/score", body, HttpStatusCode.OK);
        Assert.Equal([25, 12, 27, 11], r["subtotals"]!.AsArray().Select(s => (int)s!["score"]!));
        Assert.Equal(75, (int)r["total"]!);
        Assert.Equal(1, (int)r["preliminaryLevel"]!["code"]!);
        Assert.Equal("能力轻度受损（轻度失能）", (string)r["preliminaryLevel"]!["name"]!);
        Assert.Equal(2, (int)r["finalLevel"]!["code"]!);        // no stacking by default: +1 in total
        Assert.Equal("能力中度受损（中度失能）", (string)r["finalLevel"]!["name"]!);
        Assert.Equal(["dementia", "risk-events"], r["adjustments"]!.AsArray().Select(a => (string)a!["code"]!));
        Assert.All(r["adjustments"]!.AsArray(), a => Assert.True(Infrastructure.Api.IsChinese((string)a!["reason"]!)));
    }

    [DbFact]
    public async Task The_self_care_table_is_scored_with_total_and_band()
    {
        var body = new { items = new Dictionary<string, int> { ["meal"] = 3, ["grooming"] = 1, ["dressing"] = 0, ["toileting"] = 0, ["activity"] = 0 } };
        var r = await (await As("doctor")).PostJson("/api/instruments/phs-selfcare/score", body, HttpStatusCode.OK);
        Assert.Equal(4, (int)r["total"]!);
        Assert.Equal((1, "轻度依赖"), ((int)r["band"]!["code"]!, (string)r["band"]!["name"]!));
    }

    [DbFact]
    public async Task The_TCM_questions_are_scored_per_constitution_with_presets()
    {
        var items = Enumerable.Range(1, 33).Where(n => n != 9).ToDictionary(n => "Q" + n, _ => 1);
        var r = await (await As("doctor")).PostJson("/api/instruments/tcm-constitution-65/score",
            new { items, height = 170, weight = 75 }, HttpStatusCode.OK);
        var constitutions = r["constitutions"]!.AsArray();
        Assert.Equal(9, constitutions.Count);
        var phlegm = constitutions.Single(c => (string)c!["name"]! == "痰湿质")!;
        Assert.Equal((6, "否"), ((int)phlegm["sum"]!, (string)phlegm["verdict"]!));   // Q9 preset 3 + 1 + 1 + 1
        var balanced = constitutions.Single(c => (string)c!["name"]! == "平和质")!;
        Assert.Equal(("A", 21, "是"), ((string)balanced["code"]!, (int)balanced["sum"]!, (string)balanced["verdict"]!));
        Assert.Equal(5, balanced["guidanceTopics"]!.AsArray().Count);
        Assert.False((bool)r["nothingIdentified"]!);
        Assert.Equal(3, (int)r["presets"]!["Q9"]!);
    }

    [DbFact]
    public async Task Barthel_is_scored_with_both_band_schemes()
    {
        var items = new Dictionary<string, int>
        {
            ["feeding"] = 10,
            ["bathing"] = 0,
            ["grooming"] = 5,
            ["dressing"] = 10,
            ["bowels"] = 10,
            ["bladder"] = 10,
            ["toilet"] = 10,
            ["transfer"] = 15,
            ["mobility"] = 15,
            ["stairs"] = 10,
        };
        var r = await (await As("caregiver")).PostJson("/api/instruments/barthel/score", new { items }, HttpStatusCode.OK);
        Assert.Equal(95, (int)r["total"]!);
        Assert.Equal((1, "轻度依赖"), ((int)r["bands"]!["wst431"]!["code"]!, (string)r["bands"]!["wst431"]!["name"]!));
        Assert.Equal((1, "轻度受损"), ((int)r["bands"]!["mzt039"]!["code"]!, (string)r["bands"]!["mzt039"]!["name"]!));
    }

    [DbFact]
    public async Task Long_term_care_is_scored_with_three_totals_and_a_grade()
    {
        var items = new Dictionary<string, int>
        {
            ["adl.eating"] = 0,
            ["adl.dressing"] = 0,
            ["adl.faceAndMouth"] = 0,
            ["adl.bowel"] = 5,
            ["adl.bladder"] = 5,
            ["adl.toilet"] = 0,
            ["adl.walking"] = 5,
            ["adl.transfer"] = 5,
            ["adl.stairs"] = 0,
            ["adl.bathing"] = 0,
            ["cog.time"] = 1,
            ["cog.person"] = 2,
            ["cog.place"] = 1,
            ["cog.memory"] = 1,
            ["per.vision"] = 4,
            ["per.hearing"] = 4,
            ["per.communication"] = 4,
        };
        // ADL 20 (重度受损), cognition 5 (中度受损), perception 12 (完好) → matrix 重度 × 中度 = 4 重度失能Ⅱ级
        var r = await (await As("ybj")).PostJson("/api/instruments/ltc-2021/score", new { items }, HttpStatusCode.OK);
        Assert.Equal((20, 5, 12), ((int)r["adlTotal"]!, (int)r["cognitionTotal"]!, (int)r["perceptionTotal"]!));
        Assert.Equal((4, "重度失能Ⅱ级"), ((int)r["grade"]!["code"]!, (string)r["grade"]!["name"]!));
        Assert.Equal(3, (int)r["bands"]!["adl"]!["code"]!);
    }

    [DbFact]
    public async Task A_missing_item_is_a_400_naming_the_item_in_Chinese()
    {
        using var r = await (await As("nurse")).PostAsJsonAsync("/api/instruments/gbt42195-2022/score",
            new { items = Gbt75(withB11: false) }, Infrastructure.Api.Json);
        var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
        var message = Assert.Single(p.FieldErrors("items.B1.1"));
        Assert.Contains("进食", message);
        Assert.Equal("validation", (string)p["code"]!);
    }

    [DbFact]
    public async Task An_out_of_range_or_non_integer_item_is_a_400_naming_the_item()
    {
        var items = Gbt75();
        items["B2.4"] = 4;
        items["B3.9"] = "清醒";
        using var r = await (await As("nurse")).PostAsJsonAsync("/api/instruments/gbt42195-2022/score", new { items }, Infrastructure.Api.Json);
        var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.True(Infrastructure.Api.IsChinese(p.FieldErrors("items.B3.9")[0]));

        items["B3.9"] = 2;
        using var r2 = await (await As("nurse")).PostAsJsonAsync("/api/instruments/gbt42195-2022/score", new { items }, Infrastructure.Api.Json);
        var p2 = await r2.ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Contains("上下楼梯", p2.FieldErrors("items.B2.4")[0]);
        Assert.Single((JsonObject)p2["errors"]!);
    }

    [DbFact]
    public async Task Anonymous_callers_get_401_and_roles_that_do_not_assess_get_403()
    {
        using var anon = Factory.Anonymous();
        using var r = await anon.GetAsync("/api/instruments");
        await r.ShouldBeProblem(HttpStatusCode.Unauthorized);
        using var r2 = await anon.PostAsJsonAsync("/api/instruments/barthel/score", new { items = new { } });
        await r2.ShouldBeProblem(HttpStatusCode.Unauthorized);
        using var r3 = await (await As("auditor")).GetAsync("/api/instruments");
        await r3.ShouldBeProblem(HttpStatusCode.Forbidden);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class InstrumentsApiTestsSqlite(SqliteAppFixture f) : InstrumentsApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class InstrumentsApiTestsPostgres(PostgresAppFixture f) : InstrumentsApiTests(f), IPostgresTests;
