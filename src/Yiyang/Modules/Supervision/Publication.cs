using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Yiyang.Modules.Supervision;

/// <summary>
/// 结果公示: a regulator publishes a finished inspection's result; from then on the public results list it
/// (docs/domain/supervision.md#publication). Late when published after the inspection's publication due date.
/// </summary>
public sealed class InspectionPublication
{
    public long InspectionId { get; set; }
    public DateOnly PublishedOn { get; set; }
    public DateOnly DueOn { get; set; }
    public bool Late { get; set; }
    public required string RegionCode { get; set; }
    public required string PublishedByUser { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
}

internal sealed class InspectionPublicationConfiguration : IEntityTypeConfiguration<InspectionPublication>
{
    public void Configure(EntityTypeBuilder<InspectionPublication> b)
    {
        b.ToTable("supervision_publication", t => t.HasCheckConstraint("ck_supervision_publication_late", "late = (published_on > due_on)"));
        b.HasKey(x => x.InspectionId); // published once
        b.Property(x => x.InspectionId).ValueGeneratedNever();
        b.Property(x => x.RegionCode).HasMaxLength(12);
        b.Property(x => x.PublishedByUser).HasMaxLength(64);
        b.HasOne<Inspection>().WithOne().HasForeignKey<InspectionPublication>(x => x.InspectionId).OnDelete(DeleteBehavior.Restrict);
    }
}
