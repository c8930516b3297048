using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Modules.Emergency;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Emergency;

public sealed class EscalationRulesTests
{
    private static readonly EmergencyOptions Defaults = new();
    private static readonly DateTimeOffset Opened = new(2026, 12, 8, 2, 0, 0, TimeSpan.Zero);

    /// <summary>A fake clock read at the given second after the incident opened.</summary>
    private static TimeSpan At(int seconds) => Opened.AddSeconds(seconds) - Opened;

    [Fact]
    public void Priority_1_escalates_after_60_seconds_and_reaches_the_supervisor_at_twice_that()
    {
        var limit = EscalationRules.AcknowledgeLimit(1, Defaults);
        Assert.Equal(TimeSpan.FromSeconds(60), limit);
        Assert.Equal(0, EscalationRules.LevelDue(At(59), limit, Defaults.SupervisorMultiple));
        Assert.Equal(1, EscalationRules.LevelDue(At(60), limit, Defaults.SupervisorMultiple));
        Assert.Equal(1, EscalationRules.LevelDue(At(119), limit, Defaults.SupervisorMultiple));
        Assert.Equal(2, EscalationRules.LevelDue(At(120), limit, Defaults.SupervisorMultiple));
    }

    [Fact]
    public void Lower_priorities_wait_longer_and_the_limits_are_settings()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), EscalationRules.AcknowledgeLimit(2, Defaults));
        Assert.Equal(TimeSpan.FromHours(1), EscalationRules.AcknowledgeLimit(3, Defaults));
        var strict = new EmergencyOptions { AcknowledgeSecondsPriority1 = 30 };
        Assert.Equal(1, EscalationRules.LevelDue(At(30), EscalationRules.AcknowledgeLimit(1, strict), strict.SupervisorMultiple));
    }

    [Fact]
    public void A_task_is_overdue_once_its_acceptance_limit_has_passed()
    {
        var limit = TimeSpan.FromSeconds(Defaults.DispatchAcceptSeconds);
        Assert.False(EscalationRules.DispatchOverdue(Opened, Opened.AddSeconds(299), limit));
        Assert.True(EscalationRules.DispatchOverdue(Opened, Opened.AddSeconds(300), limit));
    }
}

public abstract class EscalationTests(AppFixture fixture) : EmergencyTestBase(fixture)
{
    private Task<int> Run() => Factory.WithScope(sp => sp.GetRequiredService<EscalationCheck>().RunAsync(CancellationToken.None));

    private Task<List<(EscalationKind Kind, int Level)>> Rows(long incidentId) => Db(async db =>
        (await db.Set<EmergencyEscalation>().AsNoTracking().Where(e => e.IncidentId == incidentId).OrderBy(e => e.Level).ToListAsync())
        .Select(e => (e.Kind, e.Level)).ToList());

    [DbFact]
    public async Task An_unacknowledged_incident_escalates_once_per_level_and_the_queue_highlights_it_until_it_is_acknowledged()
    {
        var d = await Device();
        var id = await AlarmIncident(d, "esc-" + Guid.NewGuid().ToString("N"));
        var op = await As("operator");
        await Run();
        Assert.Empty(await Rows(id));
        try
        {
            Factory.Clock.Offset = TimeSpan.FromSeconds(61);
            await Run();
            await Run(); // idempotent: a second run (or node) records nothing more
            Assert.Equal([(EscalationKind.NotAcknowledged, 1)], await Rows(id));
            var row = (await op.GetJson("/api/incidents?open=true")).AsArray().Single(i => i!.Id() == id)!;
            Assert.Equal(1, (int)row["escalationLevel"]!);
            Assert.Equal("超时未受理，已提醒第二坐席", (string)row["escalation"]!);

            Factory.Clock.Offset = TimeSpan.FromSeconds(125);
            await Run();
            Assert.Equal([(EscalationKind.NotAcknowledged, 1), (EscalationKind.NotAcknowledged, 2)], await Rows(id));
            Assert.Equal(2, (int)(await op.GetJson($"/api/incidents/{id}"))["escalationLevel"]!);
        }
        finally
        {
            Factory.Clock.Offset = TimeSpan.Zero;
        }
        var acknowledged = await StepOk(op, id, "acknowledge", new { }, 0);
        Assert.Null(acknowledged["escalationLevel"]);
        var audit = await (await As("auditor")).GetJson($"/api/audit?subjectId={id}&action=emergency.incident.escalate&pageSize=10");
        Assert.Equal(2, audit["items"]!.AsArray().Count);
    }

    [DbFact]
    public async Task A_task_not_accepted_in_time_goes_back_to_the_operators_with_an_alert()
    {
        var (elderId, _, _) = await ElderWithPhones();
        await SignWithJinhuaTeam(elderId);
        var d = await Device(elderId: elderId);
        var id = await AlarmIncident(d, "esc-" + Guid.NewGuid().ToString("N"));
        var op = await As("operator");
        var nurse = await As("nurse");
        await StepOk(op, id, "acknowledge", new { }, 0);
        var sent = await StepOk(op, id, "dispatch", new { responderKind = "family-doctor-team" }, 1);
        var dispatchId = sent["dispatches"]![0]!.Id();
        try
        {
            Factory.Clock.Offset = TimeSpan.FromSeconds(301);
            await Run();
            await Run();
        }
        finally
        {
            Factory.Clock.Offset = TimeSpan.Zero;
        }
        Assert.Equal([(EscalationKind.DispatchNotAccepted, 1)], await Rows(id));
        Assert.Equal("派单超时未接单，已退回坐席", (string)(await op.GetJson($"/api/incidents/{id}"))["escalation"]!);
        await nurse.PostJson($"/api/dispatches/{dispatchId}/accept", new { }, HttpStatusCode.OK);
        Assert.Null((await op.GetJson($"/api/incidents/{id}"))["escalation"]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class EscalationTestsSqlite(SqliteAppFixture f) : EscalationTests(f);

[Collection(PostgresCollection.Name)]
public sealed class EscalationTestsPostgres(PostgresAppFixture f) : EscalationTests(f), IPostgresTests;
