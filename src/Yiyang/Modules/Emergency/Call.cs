using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Emergency;

/// <summary>Why the caller rang (the call-taking script follows the reason, <see cref="TriageScripts"/>).</summary>
public enum CallReason
{
    Fall = 1,
    ChestPain = 2,
    Breathing = 3,
    Confusion = 4,
    Smoke = 5,
    Other = 9,
}

/// <summary>振铃（网关推送，未接听）→ 通话中 → 已结束.</summary>
public enum CallStatus
{
    Ringing = 1,
    Open = 2,
    Ended = 3,
}

/// <summary>How the call ended: an incident (opened or joined), advice, information, a wrong number, other.</summary>
public enum CallOutcome
{
    Incident = 1,
    AdviceByPhone = 2,
    Information = 3,
    WrongNumber = 4,
    Other = 9,
}

/// <summary>Who the caller is to the elder: the elder's own number, a contact of the elder's record, or registered by the operator.</summary>
public enum CallerMatch
{
    Elder = 1,
    Contact = 2,
    Registered = 3,
}

/// <summary>
/// One call to the centre: opened by an operator (by the caller's number) or pushed by the telephony gateway (a screen
/// pop, 振铃 until an operator answers). The number is stored only encrypted, as a keyed hash (the elders' phone hash)
/// and masked. The operator confirms the elder, records the reason, the triage answers and the outcome.
/// </summary>
public sealed class EmergencyCall
{
    public long Id { get; set; }
    public byte[]? CallerCipher { get; set; }
    public byte[]? CallerHash { get; set; }
    public string? CallerMasked { get; set; }
    /// <summary>The line or trunk the call came in on (e.g. 12349).</summary>
    public string? Line { get; set; }
    /// <summary>Who opened the record: an operator's name, or <c>gateway:&lt;name&gt;</c>.</summary>
    public required string OpenedBy { get; set; }
    public CallStatus Status { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string? AnsweredBy { get; set; }
    public long? ElderId { get; set; }
    public CallerMatch? MatchedAs { get; set; }
    public string? CallerRelation { get; set; }
    public CallReason? Reason { get; set; }
    /// <summary>The triage answers as JSON (question code → yes / no / unknown).</summary>
    public string? TriageAnswers { get; set; }
    public int? Priority { get; set; }
    public CallOutcome? Outcome { get; set; }
    public string? OutcomeNote { get; set; }
    public long? IncidentId { get; set; }
    public bool JoinedIncident { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedBy { get; set; }
    /// <summary>The region of the line or the operator (a prefix of township codes; empty: the whole platform).</summary>
    public required string RegionCode { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// A known caller of an elder: the keyed hash of a contact's number (indexed from the elder's record) or of a number the
/// operator registered for the elder. The elder's own number is matched on the elder record itself.
/// </summary>
public sealed class EmergencyCaller : IElderOwned
{
    public long Id { get; set; }
    public required byte[] PhoneHash { get; set; }
    public long ElderId { get; set; }
    public CallerMatch Source { get; set; }
    public required string Relation { get; set; }
    public string? NameMasked { get; set; }
    public required string CountyCode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

internal sealed class EmergencyCallConfiguration : IEntityTypeConfiguration<EmergencyCall>
{
    public void Configure(EntityTypeBuilder<EmergencyCall> b)
    {
        b.ToTable("emergency_call", t =>
        {
            t.HasCheckConstraint("ck_emergency_call_status", "status BETWEEN 1 AND 3");
            t.HasCheckConstraint("ck_emergency_call_answered", "status = 1 OR (answered_at IS NOT NULL AND answered_by IS NOT NULL)");
            t.HasCheckConstraint("ck_emergency_call_ended", "(status = 3) = (ended_at IS NOT NULL AND ended_by IS NOT NULL AND outcome IS NOT NULL)");
            t.HasCheckConstraint("ck_emergency_call_reason", "reason IS NULL OR reason IN (1, 2, 3, 4, 5, 9)");
            t.HasCheckConstraint("ck_emergency_call_outcome", "outcome IS NULL OR outcome IN (1, 2, 3, 4, 9)");
            t.HasCheckConstraint("ck_emergency_call_incident", "(outcome = 1) = (incident_id IS NOT NULL)");
            t.HasCheckConstraint("ck_emergency_call_match", "(elder_id IS NULL) = (matched_as IS NULL)");
            t.HasCheckConstraint("ck_emergency_call_priority", "priority IS NULL OR priority BETWEEN 1 AND 3");
        });
        b.Property(x => x.CallerMasked).HasMaxLength(24);
        b.Property(x => x.Line).HasMaxLength(32);
        b.Property(x => x.OpenedBy).HasMaxLength(64);
        b.Property(x => x.AnsweredBy).HasMaxLength(64);
        b.Property(x => x.EndedBy).HasMaxLength(64);
        b.Property(x => x.CallerRelation).HasMaxLength(20);
        b.Property(x => x.TriageAnswers).HasMaxLength(1000);
        b.Property(x => x.OutcomeNote).HasMaxLength(500);
        b.Property(x => x.RegionCode).HasMaxLength(12);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.Status, x.ReceivedAt }).HasDatabaseName("ix_emergency_call_open");
        b.HasIndex(x => x.CallerHash);
        b.HasIndex(x => new { x.ElderId, x.ReceivedAt });
        b.HasIndex(x => x.IncidentId);
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<EmergencyIncident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EmergencyCallerConfiguration : IEntityTypeConfiguration<EmergencyCaller>
{
    public void Configure(EntityTypeBuilder<EmergencyCaller> b)
    {
        b.ToTable("emergency_caller", t => t.HasCheckConstraint("ck_emergency_caller_source", "source IN (2, 3)"));
        b.Property(x => x.Relation).HasMaxLength(20);
        b.Property(x => x.NameMasked).HasMaxLength(20);
        b.Property(x => x.CreatedBy).HasMaxLength(64);
        b.HasIndex(x => new { x.PhoneHash, x.ElderId }).IsUnique().HasDatabaseName("ux_emergency_caller_phone");
        b.HasIndex(x => x.ElderId);
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
    }
}
