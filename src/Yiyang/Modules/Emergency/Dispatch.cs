using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Yiyang.Modules.Emergency;

/// <summary>
/// 待接单 → 已接单 → 已到达 → 已反馈 for a responder with an inbox (an organization's staff); 已电话移交 for those
/// reached by phone (a family contact, a community worker, 120, a team named in free text).
/// </summary>
public enum DispatchStatus
{
    Sent = 1,
    Accepted = 2,
    Arrived = 3,
    Done = 4,
    HandedOff = 5,
}

/// <summary>
/// A responder sent to an incident (the 120 hand-off included). When the responder is an organization (the family-doctor
/// team of the contract in force, the care home of an open stay) its staff get the task in their inbox and answer it.
/// </summary>
public sealed class EmergencyDispatch
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    public ResponderKind ResponderKind { get; set; }
    public string? ResponderName { get; set; }
    /// <summary>The organization whose staff get the task (null: reached by phone).</summary>
    public long? ResponderOrganizationId { get; set; }
    public string? Note { get; set; }
    public DispatchStatus Status { get; set; }
    public DateTimeOffset DispatchedAt { get; set; }
    public required string DispatchedBy { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public string? AcceptedBy { get; set; }
    public DateTimeOffset? ArrivedAt { get; set; }
    public string? ArrivedBy { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public string? DoneBy { get; set; }
    public string? Result { get; set; }
    public required string CountyCode { get; set; }
    public int Version { get; set; }
}

internal sealed class EmergencyDispatchConfiguration : IEntityTypeConfiguration<EmergencyDispatch>
{
    public void Configure(EntityTypeBuilder<EmergencyDispatch> b)
    {
        b.ToTable("emergency_dispatch", t =>
        {
            t.HasCheckConstraint("ck_emergency_dispatch_responder", "responder_kind BETWEEN 1 AND 5");
            t.HasCheckConstraint("ck_emergency_dispatch_status", "status BETWEEN 1 AND 5");
            t.HasCheckConstraint("ck_emergency_dispatch_inbox", "(status = 5) = (responder_organization_id IS NULL)");
            t.HasCheckConstraint("ck_emergency_dispatch_accepted", "status NOT IN (2, 3, 4) OR (accepted_at IS NOT NULL AND accepted_by IS NOT NULL)");
            t.HasCheckConstraint("ck_emergency_dispatch_arrived", "status NOT IN (3, 4) OR (arrived_at IS NOT NULL AND arrived_by IS NOT NULL)");
            t.HasCheckConstraint("ck_emergency_dispatch_done", "(status = 4) = (done_at IS NOT NULL AND done_by IS NOT NULL)");
        });
        b.Property(x => x.ResponderName).HasMaxLength(100);
        b.Property(x => x.Note).HasMaxLength(500);
        b.Property(x => x.Result).HasMaxLength(500);
        foreach (var by in new[] { "DispatchedBy", "AcceptedBy", "ArrivedBy", "DoneBy" }) b.Property(by).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.IncidentId);
        // a responder's inbox: its organization's tasks by state and age
        b.HasIndex(x => new { x.ResponderOrganizationId, x.Status, x.DispatchedAt }).HasDatabaseName("ix_emergency_dispatch_inbox");
        b.HasOne<EmergencyIncident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(x => x.ResponderOrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
