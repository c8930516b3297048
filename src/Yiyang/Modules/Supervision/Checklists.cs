using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Yiyang.Modules.Supervision;

/// <summary>
/// One version of a bureau's checklist (检查表) for one kind of organization (docs/domain/supervision.md#checklists). A
/// version never changes: the bureau's regulators edit by saving a new version, and an inspection keeps the version it
/// used. The current checklist is the highest version of a bureau and kind.
/// </summary>
public sealed class ChecklistTemplate
{
    public long Id { get; set; }
    public required string Bureau { get; set; }
    /// <summary>The organization kind code (medical, elderly-care, integrated).</summary>
    public required string OrganizationKind { get; set; }
    public int VersionNo { get; set; }
    public required string Name { get; set; }
    public required string CreatedByUser { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One item of a checklist version: its category (医疗质量, 院感防控…) and what the inspector checks.</summary>
public sealed class ChecklistItem
{
    public long Id { get; set; }
    public long TemplateId { get; set; }
    public int Position { get; set; }
    public required string Category { get; set; }
    public required string Text { get; set; }
}

internal sealed class ChecklistTemplateConfiguration : IEntityTypeConfiguration<ChecklistTemplate>
{
    public void Configure(EntityTypeBuilder<ChecklistTemplate> b)
    {
        b.ToTable("supervision_checklist", t =>
        {
            t.HasCheckConstraint("ck_supervision_checklist_version", "version_no >= 1");
            t.HasCheckConstraint("ck_supervision_checklist_kind", "organization_kind IN ('medical', 'elderly-care', 'integrated')");
        });
        b.Property(x => x.Bureau).HasMaxLength(32);
        b.Property(x => x.OrganizationKind).HasMaxLength(16);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.CreatedByUser).HasMaxLength(64);
        // one version number per bureau and kind: two editors saving at once cannot both make version n
        b.HasIndex(x => new { x.Bureau, x.OrganizationKind, x.VersionNo }).IsUnique().HasDatabaseName("ux_supervision_checklist_version");
    }
}

internal sealed class ChecklistItemConfiguration : IEntityTypeConfiguration<ChecklistItem>
{
    public void Configure(EntityTypeBuilder<ChecklistItem> b)
    {
        b.ToTable("supervision_checklist_item", t => t.HasCheckConstraint("ck_supervision_checklist_item_position", "position >= 1"));
        b.Property(x => x.Category).HasMaxLength(20);
        b.Property(x => x.Text).HasMaxLength(300);
        b.HasIndex(x => new { x.TemplateId, x.Position }).IsUnique().HasDatabaseName("ux_supervision_checklist_item_position");
        b.HasOne<ChecklistTemplate>().WithMany().HasForeignKey(x => x.TemplateId).OnDelete(DeleteBehavior.Cascade);
    }
}
