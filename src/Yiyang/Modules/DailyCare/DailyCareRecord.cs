using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Assessments.CarePlans;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Institutions;

namespace Yiyang.Modules.DailyCare;

/// <summary>
/// One daily care record (照护记录): an occurrence of a care-plan item due on a date for a resident's stay, done or not done
/// with a reason. The database holds one record per (stay, item, date, occurrence) (unique index). Carries the elder's region.
/// </summary>
public sealed class DailyCareRecord
{
    public long Id { get; set; }
    public long StayId { get; set; }
    public long ElderId { get; set; }
    public long OrganizationId { get; set; }
    public long PlanItemId { get; set; }
    public DateOnly CareOn { get; set; }
    /// <summary>1-based number of the occurrence on that date (2 for the second of 每日两次).</summary>
    public int Occurrence { get; set; }
    public CareStatus Status { get; set; }
    public NotDoneReason? Reason { get; set; }
    public string? Note { get; set; }
    public required string PerformedBy { get; set; }
    public DateTimeOffset PerformedAt { get; set; }
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? CorrectedBy { get; set; }
    public int Version { get; set; }
}

internal sealed class DailyCareRecordConfiguration : IEntityTypeConfiguration<DailyCareRecord>
{
    public void Configure(EntityTypeBuilder<DailyCareRecord> b)
    {
        b.ToTable("dailycare_record", t =>
        {
            t.HasCheckConstraint("ck_dailycare_record_outcome",
                "(status = 1 AND reason IS NULL) OR (status = 2 AND reason IS NOT NULL AND reason IN (1, 2, 3, 4, 5) AND (reason <> 5 OR note IS NOT NULL))");
            t.HasCheckConstraint("ck_dailycare_record_occurrence", "occurrence BETWEEN 1 AND 3");
            t.HasCheckConstraint("ck_dailycare_record_region", "county_code = substr(township_code, 1, 6)");
        });
        b.Property(x => x.Note).HasMaxLength(200);
        b.Property(x => x.PerformedBy).HasMaxLength(64);
        b.Property(x => x.CorrectedBy).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        // one record per occurrence of an item on a date
        b.HasIndex(x => new { x.StayId, x.PlanItemId, x.CareOn, x.Occurrence }).IsUnique().HasDatabaseName("ux_dailycare_record_occurrence");
        b.HasIndex(x => new { x.OrganizationId, x.CareOn });
        b.HasOne<InstitutionStay>().WithMany().HasForeignKey(x => x.StayId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CarePlanItem>().WithMany().HasForeignKey(x => x.PlanItemId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Model configuration of the daily-care module, applied from <c>YiyangDb</c>.</summary>
public static class DailyCareModel
{
    public static void Configure(ModelBuilder b)
    {
        b.ApplyConfiguration(new DailyCareRecordConfiguration());
        b.ApplyConfiguration(new MedicalEncounterConfiguration());
        b.ApplyConfiguration(new MedicalOrderConfiguration());
        b.ApplyConfiguration(new InstitutionZoningConfiguration());
        b.ApplyConfiguration(new ZoneAreaConfiguration());
        b.ApplyConfiguration(new ZoneRoomConfiguration());
    }
}
