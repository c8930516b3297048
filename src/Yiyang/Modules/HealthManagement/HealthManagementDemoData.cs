using System.Text.Json;
using Yiyang.Modules.Assessments;
using Yiyang.Modules.Assessments.Instruments;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.HealthManagement;

/// <summary>
/// Demo health-management data for the elders aged 65+: yearly records for about 60% of them this year and last year
/// (about one in eight left incomplete), TCM records for about 45%, quarterly hypertension follow-ups for the
/// chronic-disease elders and flu vaccinations. Called by the demo seeder inside its transaction; scored with the
/// existing phs-selfcare and tcm-constitution-65 scorers so the figures match what the forms would produce.
/// </summary>
public static class HealthManagementDemoData
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Row(long Id, string TownshipCode, string CountyCode, DateOnly BirthDate, RiskFlags Flags, long? ResponsibleOrganizationId);

    /// <summary>One demo year: its draws share one random sequence, so the data is the same on every run.</summary>
    private sealed record Year(int Number, int Span, Random Rng, DateTimeOffset Now, bool Current)
    {
        public DateOnly Day() => new DateOnly(Number, 1, 1).AddDays(Rng.Next(0, Span + 1));
    }

    public static async Task SeedAsync(YiyangDb db, DateTimeOffset now, CancellationToken ct)
    {
        var today = now.ChinaDate();
        var rng = new Random(11);
        var selfCare = new PhsSelfCareScorer();
        var tcmScorer = new TcmConstitutionScorer();
        var form = new HealthCheckForm(selfCare.Definition);
        var elders = await db.Elders.AsNoTracking().OrderBy(e => e.Id)
            .Select(e => new Row(e.Id, e.TownshipCode, e.CountyCode, e.BirthDate, e.Flags, e.ResponsibleOrganizationId)).ToListAsync(ct);
        foreach (var number in new[] { today.Year - 1, today.Year })
        {
            var latest = new DateOnly(number - 65, 12, 31);
            var lastDay = number == today.Year ? today : new DateOnly(number, 12, 31);
            var year = new Year(number, lastDay.DayNumber - new DateOnly(number, 1, 1).DayNumber, rng, now, number == today.Year);
            foreach (var e in elders.Where(e => e.BirthDate <= latest))
            {
                if (rng.NextDouble() < 0.6) db.Add(HealthCheckFor(e, year, form, selfCare));
                if (rng.NextDouble() < 0.45) db.Add(TcmRecordFor(e, year, tcmScorer));
                if (year.Current && e.Flags.HasFlag(RiskFlags.Chronic)) AddFollowups(db, e, year);
                if (year.Current && rng.NextDouble() < 0.3)
                    db.Add(new Vaccination
                    {
                        ElderId = e.Id,
                        TownshipCode = e.TownshipCode,
                        CountyCode = e.CountyCode,
                        Vaccine = "flu",
                        VaccinatedOn = year.Day(),
                        OrganizationId = e.ResponsibleOrganizationId,
                        CreatedBy = "demo-seed",
                        CreatedAt = now,
                    });
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    private static HealthCheck HealthCheckFor(Row e, Year year, HealthCheckForm form, PhsSelfCareScorer selfCare)
    {
        var on = year.Day();
        var sections = Content(year.Rng, e.Flags.HasFlag(RiskFlags.Chronic), e.Flags.HasFlag(RiskFlags.Disabled));
        if (year.Rng.NextDouble() < 0.125) sections["tests"].Remove("ecg"); // an incomplete record
        var errors = new FieldErrors();
        var content = form.Normalize(sections.ToDictionary(kv => kv.Key, kv => (Dictionary<string, JsonElement>?)kv.Value), errors);
        errors.ThrowIfAny();
        var sc = (PhsSelfCareResult)selfCare.Score(new AssessmentAnswers(form.SelfCareItems(content)));
        var eval = form.Evaluate(content, sc.Total);
        return new HealthCheck
        {
            ElderId = e.Id,
            TownshipCode = e.TownshipCode,
            CountyCode = e.CountyCode,
            Year = year.Number,
            CheckedOn = on,
            ContentJson = content.ToJsonString(),
            SelfCareTotal = sc.Total,
            SelfCareBand = sc.Band.Code,
            Bmi = eval.Bmi,
            Systolic = (int?)HealthCheckForm.Number(content, "physicalExam", "systolic"),
            Diastolic = (int?)HealthCheckForm.Number(content, "physicalExam", "diastolic"),
            Abnormal = eval.Abnormalities.Count > 0,
            Complete = eval.Complete,
            Status = RecordStatus.Draft,
            OrganizationId = e.ResponsibleOrganizationId,
            CreatedBy = "demo-seed",
            CreatedAt = year.Now,
            UpdatedAt = year.Now,
        };
    }

    private static TcmRecord TcmRecordFor(Row e, Year year, TcmConstitutionScorer tcmScorer)
    {
        var rng = year.Rng;
        var items = Enumerable.Range(1, 33).ToDictionary(i => "Q" + i, _ => (int?)(rng.NextDouble() < 0.7 ? 1 : rng.Next(2, 5)));
        var result = (TcmResult)tcmScorer.Score(new AssessmentAnswers(items));
        var topics = rng.NextDouble() < 0.9 ? TcmConstitutionScorer.Topics.Select(t => t.Code).ToList() : ["emotion", "diet"];
        return new TcmRecord
        {
            ElderId = e.Id,
            TownshipCode = e.TownshipCode,
            CountyCode = e.CountyCode,
            Year = year.Number,
            AssessedOn = year.Day(),
            AnswersJson = JsonSerializer.Serialize(new { items }, Json),
            ResultJson = JsonSerializer.Serialize(result, Json),
            Identified = result.NothingIdentified ? "" : Trim(string.Join("、", result.Constitutions.Where(c => c.Identified).Select(c => $"{c.Name}（{c.Verdict}）"))),
            GuidanceJson = JsonSerializer.Serialize(topics, Json),
            Complete = topics.Count == 5,
            Status = RecordStatus.Draft,
            OrganizationId = e.ResponsibleOrganizationId,
            CreatedBy = "demo-seed",
            CreatedAt = year.Now,
            UpdatedAt = year.Now,
        };
    }

    /// <summary>Quarterly hypertension follow-ups of this year.</summary>
    private static void AddFollowups(YiyangDb db, Row e, Year year)
    {
        var (rng, span) = (year.Rng, year.Span);
        var count = rng.Next(1, 5);
        for (var q = 0; q < count && q * 91 <= span; q++)
        {
            var on = new DateOnly(year.Number, 1, 1).AddDays(q * 91 + rng.Next(0, Math.Min(60, span - q * 91 + 1)));
            var sys = rng.Next(118, 165);
            db.Add(new ChronicFollowup
            {
                ElderId = e.Id,
                TownshipCode = e.TownshipCode,
                CountyCode = e.CountyCode,
                Disease = "hypertension",
                FollowedOn = on,
                Way = q % 2 == 0 ? "clinic" : "home",
                SymptomsJson = "[\"none\"]",
                Systolic = sys,
                Diastolic = sys - rng.Next(40, 60),
                Adherence = "regular",
                Classification = sys < 140 ? "satisfied" : "unsatisfied",
                NextOn = on.AddDays(90),
                OrganizationId = e.ResponsibleOrganizationId,
                CreatedBy = "demo-seed",
                CreatedAt = year.Now,
            });
        }
    }

    private static string Trim(string s) => s.Length > 200 ? s[..199] + "…" : s;

    private static JsonElement J(object value) => JsonSerializer.SerializeToElement(value, Json);

    private static string Pick(Random rng, params string[] codes) => codes[rng.Next(codes.Length)];

    /// <summary>A plausible, complete record; BP and glucose higher for chronic-disease elders, self-care lower for disabled ones.</summary>
    internal static Dictionary<string, Dictionary<string, JsonElement>> Content(Random rng, bool chronic, bool disabled)
    {
        var sys = chronic ? rng.Next(125, 165) : rng.Next(105, 139);
        var dia = Math.Min(sys - 30, rng.Next(65, 95));
        var height = rng.Next(150, 178);
        var weight = Math.Round(height * height / 10000m * (decimal)(19 + rng.NextDouble() * 9), 1);
        var glucose = Math.Round((decimal)(chronic ? 5.5 + rng.NextDouble() * 3 : 4.2 + rng.NextDouble() * 2), 1);
        var abnormalEcg = rng.NextDouble() < 0.08;
        var content = new Dictionary<string, Dictionary<string, JsonElement>>
        {
            ["lifestyle"] = new()
            {
                ["selfRatedHealth"] = J(Pick(rng, "satisfied", "basically-satisfied", "basically-satisfied", "unclear", "less-satisfied")),
                ["exercise"] = J(Pick(rng, "daily", "weekly", "occasionally", "never")),
                ["smoking"] = J(Pick(rng, "never", "never", "former", "current")),
                ["drinking"] = J(Pick(rng, "never", "never", "occasionally", "often")),
                ["diet"] = J(new[] { Pick(rng, "balanced", "meat", "vegetarian", "salty") }),
                ["chronicDiseases"] = J(chronic ? new[] { "hypertension" } : Array.Empty<string>()),
            },
            ["selfCare"] = disabled
                ? new() { ["meal"] = J(3), ["grooming"] = J(3), ["dressing"] = J(3), ["toileting"] = J(5), ["activity"] = J(5) }
                : new() { ["meal"] = J(0), ["grooming"] = J(rng.Next(0, 2)), ["dressing"] = J(0), ["toileting"] = J(0), ["activity"] = J(rng.Next(0, 2)) },
            ["screening"] = new() { ["cognition"] = J("negative"), ["affect"] = J("negative") },
            ["physicalExam"] = PhysicalExam(rng, sys, dia, height, weight, disabled),
            ["tests"] = Tests(rng, glucose, abnormalEcg),
            ["guidance"] = new()
            {
                ["resultsExplained"] = J(true),
                ["topics"] = J(new[] { "lifestyle", Pick(rng, "fall-prevention", "vaccination", "osteoporosis", "cognition-emotion") }),
                ["chronicManagement"] = J(chronic),
            },
            ["referral"] = new()
            {
                ["needed"] = J(abnormalEcg || sys >= 140 || glucose >= 7.0m || disabled),
            },
        };
        if (abnormalEcg || sys >= 140 || glucose >= 7.0m || disabled)
            content["referral"]["to"] = J(disabled ? "社区卫生服务中心康复科" : "王益区人民医院内科");
        return content;
    }

    private static Dictionary<string, JsonElement> PhysicalExam(Random rng, int sys, int dia, int height, decimal weight, bool disabled) => new()
    {
        ["temperature"] = J(Math.Round(36.2m + rng.Next(0, 8) / 10m, 1)),
        ["pulse"] = J(rng.Next(60, 92)),
        ["respiration"] = J(rng.Next(14, 21)),
        ["systolic"] = J(sys),
        ["diastolic"] = J(dia),
        ["height"] = J(height),
        ["weight"] = J(weight),
        ["waist"] = J(rng.Next(70, 100)),
        ["oralCavity"] = J("normal"),
        ["visionLeft"] = J(Math.Round(0.4m + rng.Next(0, 7) / 10m, 1)),
        ["visionRight"] = J(Math.Round(0.4m + rng.Next(0, 7) / 10m, 1)),
        ["hearing"] = J(rng.NextDouble() < 0.9 ? "heard" : "not-heard"),
        ["movement"] = J(disabled ? "unable" : "able"),
        ["skin"] = J("normal"),
        ["lymphNodes"] = J("normal"),
        ["heart"] = J("normal"),
        ["lungs"] = J("normal"),
        ["abdomen"] = J("normal"),
    };

    private static Dictionary<string, JsonElement> Tests(Random rng, decimal glucose, bool abnormalEcg) => new()
    {
        ["hemoglobin"] = J(rng.Next(110, 160)),
        ["wbc"] = J(Math.Round(4m + rng.Next(0, 50) / 10m, 1)),
        ["platelets"] = J(rng.Next(120, 320)),
        ["urineProtein"] = J("neg"),
        ["urineGlucose"] = J("neg"),
        ["urineKetone"] = J("neg"),
        ["urineOccultBlood"] = J("neg"),
        ["fastingGlucose"] = J(glucose),
        ["alt"] = J(rng.Next(10, 45)),
        ["ast"] = J(rng.Next(12, 40)),
        ["totalBilirubin"] = J(Math.Round(6m + rng.Next(0, 120) / 10m, 1)),
        ["creatinine"] = J(rng.Next(50, 110)),
        ["bun"] = J(Math.Round(3m + rng.Next(0, 40) / 10m, 1)),
        ["totalCholesterol"] = J(Math.Round(3.5m + rng.Next(0, 250) / 100m, 2)),
        ["triglycerides"] = J(Math.Round(0.6m + rng.Next(0, 150) / 100m, 2)),
        ["ldl"] = J(Math.Round(1.8m + rng.Next(0, 200) / 100m, 2)),
        ["hdl"] = J(Math.Round(0.9m + rng.Next(0, 80) / 100m, 2)),
        ["ecg"] = J(abnormalEcg ? "abnormal" : "normal"),
        ["ultrasound"] = J("normal"),
    };
}
