using System.Net;
using System.Text.Json.Nodes;
using Yiyang.Modules.Assessments;
using Yiyang.Modules.Assessments.CarePlans;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Assessments;

public sealed class LtcTableRulesTests
{
    private static List<ScoreBand> B(params (int Min, int Max)[] r) =>
        r.Select((x, i) => new ScoreBand { Code = i, Name = LtcTables.BandNames[i], Min = x.Min, Max = x.Max }).ToList();

    private static LtcTablesInput Defaults() => new(
        B((100, 100), (65, 95), (45, 60), (0, 40)), B((16, 16), (12, 15), (4, 11), (0, 3)), B((12, 12), (8, 11), (4, 7), (0, 3)),
        [0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 5], null, 0, null);

    [Fact]
    public void The_default_ltc_tables_are_valid() => Assert.Empty(LtcTableRules.Validate(Defaults()).ToDictionary());

    [Fact]
    public void Gaps_overlaps_reversed_bands_and_bad_grades_are_field_errors_in_chinese()
    {
        var input = Defaults() with
        {
            AdlBands = B((100, 100), (70, 95), (45, 60), (0, 40)),      // 65 is not covered
            CognitionBands = B((16, 16), (12, 15), (3, 11), (0, 3)),    // 3 covered twice
            PerceptionBands = B((0, 3), (4, 7), (8, 11), (12, 12)),     // reversed: band 0 must be the best scores
            GradeMatrix = [0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 6],
            GradeNames = ["基本正常", "轻", "中度失能", "重度失能Ⅰ级", "重度失能Ⅱ级", "重度失能Ⅲ级"],
        };
        var errors = LtcTableRules.Validate(input).ToDictionary();
        Assert.Contains("65", errors["adlBands"].Single());
        Assert.Contains("重复", errors["cognitionBands"].Single());
        Assert.Contains("perceptionBands[1].max", errors.Keys);
        Assert.Contains("gradeMatrix[15]", errors.Keys);
        Assert.Contains("gradeNames[1]", errors.Keys);
        Assert.All(errors.Values.SelectMany(v => v), m => Assert.True(Tests.Infrastructure.Api.IsChinese(m), m));
        var missing = LtcTableRules.Validate(new LtcTablesInput(null, null, null, [1, 2], null, 0, null)).ToDictionary();
        Assert.Equal(["adlBands", "cognitionBands", "gradeMatrix", "perceptionBands"], missing.Keys.Order().ToArray());
    }
}

public abstract class LtcTablesApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    /// <summary>ADL 100 (every item at its maximum); cognition 4+4+4+0 = 12; perception 4+4+4 = 12.</summary>
    private static object Answers() => new
    {
        items = new Dictionary<string, int>
        {
            ["adl.eating"] = 10,
            ["adl.dressing"] = 10,
            ["adl.faceAndMouth"] = 5,
            ["adl.bowel"] = 10,
            ["adl.bladder"] = 10,
            ["adl.toilet"] = 10,
            ["adl.walking"] = 15,
            ["adl.transfer"] = 15,
            ["adl.stairs"] = 10,
            ["adl.bathing"] = 5,
            ["cog.time"] = 4,
            ["cog.person"] = 4,
            ["cog.place"] = 4,
            ["cog.memory"] = 0,
            ["per.vision"] = 4,
            ["per.hearing"] = 4,
            ["per.communication"] = 4,
        },
    };

    private static object Tables(JsonNode current, object cognitionBands, int? version) => new
    {
        adlBands = current["tables"]!["adlBands"],
        cognitionBands,
        perceptionBands = current["tables"]!["perceptionBands"],
        gradeMatrix = current["tables"]!["gradeMatrix"],
        version,
        note = "认知能力轻度受损调整为 13–15 分",
    };

    [DbFact]
    public async Task The_insurance_bureau_edits_the_bands_as_a_new_version_and_the_scorer_uses_it_at_once()
    {
        var doctor = await As("doctor");
        var ybj = await As("ybj");
        var current = await doctor.GetJson("/api/ltc-tables");
        var version = (int)current["version"]!;
        // with the defaults: cognition 12 → 轻度受损 (12–15); ADL row 完好 × column 轻度 → grade 0 基本正常
        var before = await doctor.PostJson("/api/instruments/ltc-2021/score", Answers(), HttpStatusCode.OK);
        Assert.Equal(1, (int)before["bands"]!["cognition"]!["code"]!);
        Assert.Equal(0, (int)before["grade"]!["code"]!);

        var edited = new[]
        {
            new { code = 0, name = "能力完好", min = 16, max = 16 }, new { code = 1, name = "轻度受损", min = 13, max = 15 },
            new { code = 2, name = "中度受损", min = 4, max = 12 }, new { code = 3, name = "重度受损", min = 0, max = 3 },
        };
        try
        {
            using (var r = await doctor.PutJson("/api/ltc-tables", Tables(current, edited, version))) Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
            using (var r = await (await As("wjw")).PutJson("/api/ltc-tables", Tables(current, edited, version)))
                await r.ShouldBeProblem(HttpStatusCode.Forbidden);
            var overlapping = edited.Select(b => b.code == 2 ? b with { min = 3 } : b).ToArray();
            using (var r = await ybj.PutJson("/api/ltc-tables", Tables(current, overlapping, version)))
                Assert.Contains("重复覆盖得分 3", (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("cognitionBands").Single());

            using var saved = await ybj.PutJson("/api/ltc-tables", Tables(current, edited, version));
            await saved.ShouldBe(HttpStatusCode.OK);
            Assert.Equal(version + 1, (int)(await saved.ReadJson())["version"]!);
            using (var stale = await ybj.PutJson("/api/ltc-tables", Tables(current, edited, version)))
                Assert.Equal("concurrency", (string)(await stale.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);

            // now cognition 12 → 中度受损; column 中度 of row 完好 → grade 1 轻度失能
            var after = await doctor.PostJson("/api/instruments/ltc-2021/score", Answers(), HttpStatusCode.OK);
            Assert.Equal(2, (int)after["bands"]!["cognition"]!["code"]!);
            Assert.Equal(1, (int)after["grade"]!["code"]!);
            Assert.Equal("轻度失能", (string)after["grade"]!["name"]!);
            var history = (await doctor.GetJson("/api/ltc-tables/history")).AsArray();
            Assert.Equal(version + 2, history.Count);
            Assert.True((bool)history[^1]!["isDefault"]!);
        }
        finally
        {
            var now = await doctor.GetJson("/api/ltc-tables");
            if ((int)now["version"]! != version)
            {
                var defaults = LtcTablesData.From(new LtcTables());
                using var r = await ybj.PutJson("/api/ltc-tables", new
                {
                    adlBands = defaults.AdlBands,
                    cognitionBands = defaults.CognitionBands,
                    perceptionBands = defaults.PerceptionBands,
                    gradeMatrix = defaults.GradeMatrix,
                    version = (int)now["version"]!,
                    note = "恢复默认值",
                });
                await r.ShouldBe(HttpStatusCode.OK);
            }
        }
        var restored = await doctor.PostJson("/api/instruments/ltc-2021/score", Answers(), HttpStatusCode.OK);
        Assert.Equal(0, (int)restored["grade"]!["code"]!);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LtcTablesApiTestsSqlite(SqliteAppFixture f) : LtcTablesApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class LtcTablesApiTestsPostgres(PostgresAppFixture f) : LtcTablesApiTests(f), IPostgresTests;
