using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.FamilyDoctor;

namespace Yiyang.Modules.HomeVisits;

/// <summary>
/// A planned slot of a package item: contract + service + date, unique, so planning the same month twice creates nothing
/// new. Claimed before its visit is created; <see cref="VisitId"/> is the planned visit that carries the service.
/// </summary>
public sealed class HomeVisitPlanSlot
{
    public long Id { get; set; }
    public long ContractId { get; set; }
    public required string ServiceCode { get; set; }
    public DateOnly SlotDate { get; set; }
    public long? VisitId { get; set; }
    public required string CountyCode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class HomeVisitPlanSlotConfiguration : IEntityTypeConfiguration<HomeVisitPlanSlot>
{
    public void Configure(EntityTypeBuilder<HomeVisitPlanSlot> b)
    {
        b.ToTable("homecare_visit_plan");
        b.Property(x => x.ServiceCode).HasMaxLength(32);
        b.HasIndex(x => new { x.ContractId, x.ServiceCode, x.SlotDate }).IsUnique().HasDatabaseName("ux_homecare_visit_plan_slot");
        b.HasIndex(x => x.VisitId);
        b.HasOne<FamilyDoctorContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<HomeVisit>().WithMany().HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Restrict);
    }
}
