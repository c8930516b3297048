using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Yiyang.Modules.Emergency;

/// <summary>Why an escalation was raised.</summary>
public enum EscalationKind
{
    /// <summary>超时未受理: an incident still 新事件 past its priority's limit.</summary>
    NotAcknowledged = 1,

    /// <summary>派单超时未接单: a task still 待接单 past the acceptance limit; it goes back to the operators.</summary>
    DispatchNotAccepted = 2,
}

/// <summary>
/// One escalation, recorded once: level 1 (highlighted, a second operator), level 2 (the shift supervisor) for an
/// incident not acknowledged; level 1 for a dispatch not accepted. Partial unique indexes keep the check idempotent
/// across nodes.
/// </summary>
public sealed class EmergencyEscalation
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    public long? DispatchId { get; set; }
    public EscalationKind Kind { get; set; }
    public int Level { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The limit that was passed, in seconds.</summary>
    public int LimitSeconds { get; set; }
    public required string CountyCode { get; set; }
}

internal sealed class EmergencyEscalationConfiguration : IEntityTypeConfiguration<EmergencyEscalation>
{
    public void Configure(EntityTypeBuilder<EmergencyEscalation> b)
    {
        b.ToTable("emergency_escalation", t =>
        {
            t.HasCheckConstraint("ck_emergency_escalation_kind", "(kind = 1 AND dispatch_id IS NULL AND level IN (1, 2)) OR (kind = 2 AND dispatch_id IS NOT NULL AND level = 1)");
            t.HasCheckConstraint("ck_emergency_escalation_limit", "limit_seconds > 0");
        });
        b.HasIndex(x => new { x.IncidentId, x.Level }).IsUnique().HasFilter("kind = 1").HasDatabaseName("ux_emergency_escalation_incident");
        b.HasIndex(x => x.DispatchId).IsUnique().HasFilter("kind = 2").HasDatabaseName("ux_emergency_escalation_dispatch");
        b.HasIndex(x => x.At);
        b.HasOne<EmergencyIncident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<EmergencyDispatch>().WithMany().HasForeignKey(x => x.DispatchId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The escalation timers, free of the database (docs/domain/emergency.md#escalation).</summary>
public static class EscalationRules
{
    /// <summary>The acknowledgement limit of a priority (settings; 60 s for priority 1 by default).</summary>
    public static TimeSpan AcknowledgeLimit(int priority, EmergencyOptions o) => TimeSpan.FromSeconds(priority switch
    {
        1 => o.AcknowledgeSecondsPriority1,
        2 => o.AcknowledgeSecondsPriority2,
        _ => o.AcknowledgeSecondsPriority3,
    });

    /// <summary>
    /// The level an incident still 新事件 has reached after waiting <paramref name="waited"/>: none before the limit, 1 (a second
    /// operator, highlighted) from it, 2 (the shift supervisor) from <see cref="EmergencyOptions.SupervisorMultiple"/> times it.
    /// </summary>
    public static int LevelDue(TimeSpan waited, TimeSpan limit, double supervisorMultiple) =>
        waited >= limit * supervisorMultiple ? 2 : waited >= limit ? 1 : 0;

    /// <summary>Whether a task still 待接单 is past its acceptance limit.</summary>
    public static bool DispatchOverdue(DateTimeOffset dispatchedAt, DateTimeOffset now, TimeSpan limit) => now - dispatchedAt >= limit;

    public static string Describe(EscalationKind kind, int level) => kind == EscalationKind.DispatchNotAccepted
        ? "派单超时未接单，已退回坐席"
        : level >= 2 ? "超时未受理，已上报值班长" : "超时未受理，已提醒第二坐席";
}
