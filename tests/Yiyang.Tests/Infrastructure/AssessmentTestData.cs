using Microsoft.Extensions.DependencyInjection;
using Yiyang.Modules.Assessments.Records;
using Yiyang.Platform.Data;

namespace Yiyang.Tests.Infrastructure;

/// <summary>Signed assessments written straight to the database, for tests of modules that read them.</summary>
public static class AssessmentTestData
{
    public static Task<long> SignedAssessment(this AppFactory factory, long elderId, string instrument, int level, string levelName,
        DateOnly assessedOn, DateOnly? nextDue, string township = ApiTestBase.Township) =>
        factory.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            var a = new Assessment
            {
                ElderId = elderId,
                TownshipCode = township,
                CountyCode = township[..6],
                InstrumentCode = instrument,
                InstrumentVersion = "test",
                Reason = "initial",
                AssessedOn = assessedOn,
                AssessorsJson = "[]",
                AnswersJson = "{}",
                ResultJson = "{}",
                LevelCode = level,
                LevelName = levelName,
                Status = AssessmentStatus.Signed,
                NextDue = nextDue,
                CreatedBy = "test",
                SignedBy = "test",
                SignedAt = DateTimeOffset.UtcNow,
                CreatedAt = DateTimeOffset.UtcNow,
                UpdatedAt = DateTimeOffset.UtcNow,
            };
            db.Add(a);
            await db.SaveChangesAsync();
            return a.Id;
        });
}
