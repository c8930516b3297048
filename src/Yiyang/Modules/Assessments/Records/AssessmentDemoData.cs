using System.Text.Json;
using Yiyang.Modules.Assessments.Instruments;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Assessments.Records;

/// <summary>
/// A signed demo GB/T 42195 assessment with the same score on every item of a section pair: <paramref name="body"/> on B1/B2
/// (capped at the item's maximum), <paramref name="mind"/> on B3/B4. (3, 3) → total 71, 1 级; (2, 2) → 50, 2 级;
/// (1, 2) → 38, 3 级; (1, 1) → 26, 4 级. Used by the demo seeders of care plans and daily care.
/// </summary>
public static class AssessmentDemoData
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Assessment SignedGbt42195(Gbt42195Scorer scorer, Elder e, (int Body, int Mind) pattern, DateOnly assessedOn, string reason,
        long organizationId, DateTimeOffset now)
    {
        var answers = scorer.Definition.Sections.SelectMany(s => s.Items.Select(i =>
            (i.Key, Value: (int?)Math.Min(i.Max, s.Code is "B1" or "B2" ? pattern.Body : pattern.Mind)))).ToDictionary(x => x.Key, x => x.Value);
        var result = (Gbt42195Result)scorer.Score(new AssessmentAnswers(answers));
        return new Assessment
        {
            ElderId = e.Id,
            TownshipCode = e.TownshipCode,
            CountyCode = e.CountyCode,
            InstrumentCode = Gbt42195Scorer.Code,
            InstrumentVersion = scorer.Definition.Version,
            Reason = reason,
            AssessedOn = assessedOn,
            AssessorsJson = JsonSerializer.Serialize(new[] { new AssessorDto(null, "刘文斌"), new AssessorDto(null, "陈春梅") }, Json),
            AnswersJson = JsonSerializer.Serialize(new ScoreRequest(answers.ToDictionary(a => a.Key, a => JsonSerializer.SerializeToElement(a.Value))), Json),
            ResultJson = JsonSerializer.Serialize(result, Json),
            Total = result.Total,
            LevelCode = result.FinalLevel.Code,
            LevelName = result.FinalLevel.Name,
            Status = AssessmentStatus.Signed,
            NextDue = ReassessmentRules.NextDue(Gbt42195Scorer.Code, assessedOn, 12),
            OrganizationId = organizationId,
            CreatedBy = "demo-seed",
            SignedBy = "demo-seed",
            SignedAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}
