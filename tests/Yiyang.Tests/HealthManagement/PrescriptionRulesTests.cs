using Yiyang.Modules.HealthManagement.Prescriptions;
using Yiyang.Platform.Errors;

namespace Yiyang.Tests.HealthManagement;

public sealed class PrescriptionRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly LongTermPrescriptionOptions Options = new();

    private static PrescriptionItemInput Item(string name = "苯磺酸氨氯地平片", string category = "general", int days = 28) =>
        new(name, "5mg×28片", "5mg", "每日一次", "口服", category, 28, "片", days);

    private static PrescriptionInput Input(string code = "I10", int validity = 84, string? assessment = null, bool confirmed = false, bool stable = true,
        params PrescriptionItemInput[] items) =>
        new(1, code, "原发性高血压", stable, Today, validity, items.Length == 0 ? [Item()] : items, assessment, confirmed);

    private static (ValidPrescription? Valid, IReadOnlyDictionary<string, string[]> Errors) Run(PrescriptionInput input)
    {
        var errors = new FieldErrors();
        var v = PrescriptionRules.Validate(input, Options, Today, errors);
        return (v, errors.ToDictionary());
    }

    [Theory]
    [InlineData("I10", "hypertension")]
    [InlineData("I15.0", "hypertension")]
    [InlineData("E11.9", "diabetes")]
    [InlineData("A15.0", "tuberculosis")]
    [InlineData("I14", null)]   // not a code of the I10–I15 block in ICD-10
    [InlineData("E10", null)]   // type-1 diabetes is not on the default list
    [InlineData("J45", null)]
    public void Diagnoses_map_to_the_eligible_disease_by_code_prefix(string code, string? disease) =>
        Assert.Equal(disease, PrescriptionRules.DiseaseOf(code, Options));

    [Fact]
    public void A_twelve_week_prescription_with_four_week_supplies_is_valid()
    {
        var (v, errors) = Run(Input(items: [Item(days: 28), Item("二甲双胍片", days: 14)]));
        Assert.Empty(errors);
        Assert.Equal(new DateOnly(2027, 2, 14), v!.ValidUntil); // 2026-11-23 + 84 − 1
        Assert.Equal(14, v.SupplyDays);
        Assert.Equal(28, v.MaxSupplyDays);
        Assert.Null(v.ExtendedAssessment);
    }

    [Fact]
    public void Validity_above_84_days_unstable_condition_and_an_ineligible_diagnosis_are_refused()
    {
        var (_, errors) = Run(Input(code: "J45", validity: 85, stable: false));
        Assert.Equal("长期处方有效期最长 12 周（84 天）。", errors["validityDays"].Single());
        Assert.StartsWith("该诊断不在长期处方适用的慢性病范围内（高血压、2 型糖尿病", errors["diagnosisCode"].Single());
        Assert.Equal("长期处方仅适用于病情稳定、需要长期药物治疗的患者，请确认病情稳定。", errors["conditionStable"].Single());
    }

    [Fact]
    public void More_than_four_weeks_per_dispensing_needs_the_assessment_and_the_patients_confirmation()
    {
        var (_, errors) = Run(Input(items: [Item(days: 29)]));
        Assert.StartsWith("每次取药超过 4 周（28 天）用量时，须填写医生的评估意见", errors["extendedAssessment"].Single());
        Assert.Equal("每次取药超过 4 周用量时，须经患者签字确认。", errors["patientConfirmed"].Single());
        var (v, ok) = Run(Input(assessment: "血压控制稳定 6 个月，已进行用药教育", confirmed: true, items: [Item(days: 56)]));
        Assert.Empty(ok);
        Assert.Equal(56, v!.SupplyDays);
        Assert.True(v.PatientConfirmed);
        var (_, tooLong) = Run(Input(validity: 56, assessment: "评估", confirmed: true, items: [Item(days: 60)]));
        Assert.Equal("第 1 项“苯磺酸氨氯地平片”每次取药的用药天数不能超过处方有效期（56 天）。", tooLong["items[0].daysPerDispensing"].Single());
    }

    [Fact]
    public void Excluded_drug_categories_are_refused_naming_the_item()
    {
        var (_, errors) = Run(Input(items: [Item(), Item("地西泮片", "psychotropic-2"), Item("阿莫西林胶囊", "antimicrobial"), Item("吗啡缓释片", "narcotic"), Item("胰岛素注射液", "special-storage")]));
        Assert.Equal("第 2 项“地西泮片”为第二类精神药品，不得开具长期处方。", errors["items[1].category"].Single());
        Assert.Equal("第 3 项“阿莫西林胶囊”为抗微生物药物，仅治疗结核等慢性细菌、真菌感染性疾病时可开具长期处方。", errors["items[2].category"].Single());
        Assert.Equal("第 4 项“吗啡缓释片”为麻醉药品，不得开具长期处方。", errors["items[3].category"].Single());
        Assert.Contains("对储存条件有特殊要求的药品", errors["items[4].category"].Single());
        Assert.False(errors.ContainsKey("items[0].category"));
        // antimicrobials are allowed for tuberculosis
        var (v, tb) = Run(Input(code: "A15.0", items: [Item("异烟肼片", "antimicrobial")]));
        Assert.Empty(tb);
        Assert.Equal("tuberculosis", v!.Disease);
    }

    [Theory]
    // last dispensing 2026-11-01 with 28 days: runs out after 11-28; refill allowed from 11-22 (7 days left: 22..28)
    [InlineData("2026-11-21", false)]
    [InlineData("2026-11-22", true)]
    [InlineData("2026-12-10", true)]
    public void A_refill_is_allowed_once_at_most_seven_days_of_supply_remain(string day, bool allowed)
    {
        var why = PrescriptionRules.RefuseDispensing(PrescriptionStatus.Active, new DateOnly(2026, 11, 1), new DateOnly(2027, 1, 23),
            new DateOnly(2026, 11, 1), 28, DateOnly.Parse(day), 7);
        Assert.Equal(allowed, why is null);
        if (!allowed) Assert.Equal("上次取药（2026-11-01，28 天用量）尚未用完，剩余用量不超过 7 天时方可再次取药，最早 2026-11-22。", why);
    }

    [Fact]
    public void Stopped_expired_and_not_yet_started_prescriptions_are_not_dispensed_and_supply_stops_at_the_last_valid_day()
    {
        var start = new DateOnly(2026, 9, 1);
        var until = start.AddDays(83); // 2026-11-23
        Assert.Equal("该长期处方已停用，不能取药。", PrescriptionRules.RefuseDispensing(PrescriptionStatus.Stopped, start, until, null, null, start, 7));
        Assert.Equal("该长期处方已于 2026-11-23 到期，请重新开具。", PrescriptionRules.RefuseDispensing(PrescriptionStatus.Active, start, until, null, null, until.AddDays(1), 7));
        Assert.Null(PrescriptionRules.RefuseDispensing(PrescriptionStatus.Active, start, until, null, null, until, 7));
        Assert.NotNull(PrescriptionRules.RefuseDispensing(PrescriptionStatus.Active, start, until, null, null, start.AddDays(-1), 7));
        Assert.Equal(28, PrescriptionRules.SupplyOn(28, until, start));
        Assert.Equal(10, PrescriptionRules.SupplyOn(28, until, new DateOnly(2026, 11, 14))); // 11-14 … 11-23
        Assert.Equal(PrescriptionStatus.Expired, PrescriptionRules.StatusOn(PrescriptionStatus.Active, until, until.AddDays(1)));
        Assert.Equal(PrescriptionStatus.Active, PrescriptionRules.StatusOn(PrescriptionStatus.Active, until, until));
    }
}
