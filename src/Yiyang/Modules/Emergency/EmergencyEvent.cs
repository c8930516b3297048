using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Yiyang.Modules.Emergency;

/// <summary>
/// One change that the operators' consoles are told about (docs/domain/emergency.md#live-console): written by database
/// triggers in the same transaction as the change to an incident, an escalation, a task or a call, so that no use case can
/// forget it and a rolled-back change tells nobody. The id increases; a console resumes after the last id it saw. The row
/// holds no personal data: the console reads the incident or call itself, within the operator's scope.
/// </summary>
public sealed class EmergencyEvent
{
    public long Id { get; set; }
    public long? IncidentId { get; set; }
    public long? CallId { get; set; }

    /// <summary>opened, updated (a step, a joining signal), raised (a higher priority), escalated, dispatch, ringing, call.</summary>
    public required string Change { get; set; }

    public int? Priority { get; set; }
    public DateTimeOffset At { get; set; }
}

internal sealed class EmergencyEventConfiguration : IEntityTypeConfiguration<EmergencyEvent>
{
    public void Configure(EntityTypeBuilder<EmergencyEvent> b)
    {
        b.ToTable("emergency_event", t =>
        {
            t.HasCheckConstraint("ck_emergency_event_change",
                "change IN ('opened', 'updated', 'raised', 'escalated', 'dispatch', 'ringing', 'call')");
            t.HasCheckConstraint("ck_emergency_event_subject", "(incident_id IS NULL) <> (call_id IS NULL)");
        });
        b.Property(x => x.Change).HasMaxLength(16);
        b.HasIndex(x => x.At);
    }
}
