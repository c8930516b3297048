using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.HomeVisits;
using Yiyang.Modules.Institutions;

namespace Yiyang.Modules.Elders.Falls;

/// <summary>
/// 跌倒事件 (docs/domain/assessments.md#reassessment-triggers): a fall recorded by home-care or institution staff. A fall after the elder's latest
/// signed assessment makes an immediate reassessment due (<see cref="FallReassessmentTriggers"/>). Carries the elder's region.
/// </summary>
public sealed class Fall
{
    public long Id { get; set; }
    public long ElderId { get; set; }
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    /// <summary>UTC instant of the fall.</summary>
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>The China (UTC+8) calendar day of <see cref="OccurredAt"/>, for the due list.</summary>
    public DateOnly OccurredOn { get; set; }
    /// <summary>home 家中 / institution 机构 / outdoor 户外 / other 其他.</summary>
    public required string Place { get; set; }
    /// <summary>none 无 / minor 轻 / severe 重.</summary>
    public required string Injury { get; set; }
    public bool HospitalVisit { get; set; }
    public string? Note { get; set; }
    public long? HomeVisitId { get; set; }
    public long? StayId { get; set; }
    public long? OrganizationId { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Codes and names of the fall record's choices.</summary>
public static class FallRules
{
    public static readonly IReadOnlyList<(string Code, string Name)> Places = [("home", "家中"), ("institution", "机构"), ("outdoor", "户外"), ("other", "其他")];
    public static readonly IReadOnlyList<(string Code, string Name)> Injuries = [("none", "无"), ("minor", "轻"), ("severe", "重")];

    /// <summary>Code or Chinese name → code; null when unknown.</summary>
    public static string? Parse(IReadOnlyList<(string Code, string Name)> list, string? input)
    {
        var s = (input ?? "").Trim();
        return list.FirstOrDefault(x => string.Equals(x.Code, s, StringComparison.OrdinalIgnoreCase) || x.Name == s).Code;
    }

    public static string Name(IReadOnlyList<(string Code, string Name)> list, string code) => list.FirstOrDefault(x => x.Code == code).Name ?? code;

    /// <summary>The China calendar day of an instant.</summary>
    public static DateOnly ChinaDay(DateTimeOffset at) => at.ChinaDate();
}

public sealed class FallConfiguration : IEntityTypeConfiguration<Fall>
{
    public void Configure(EntityTypeBuilder<Fall> b)
    {
        b.ToTable("elders_fall", t =>
        {
            t.HasCheckConstraint("ck_elders_fall_place", "place IN ('home', 'institution', 'outdoor', 'other')");
            t.HasCheckConstraint("ck_elders_fall_injury", "injury IN ('none', 'minor', 'severe')");
            t.HasCheckConstraint("ck_elders_fall_region", "county_code = substr(township_code, 1, 6)");
            t.HasCheckConstraint("ck_elders_fall_one_link", "home_visit_id IS NULL OR stay_id IS NULL");
        });
        b.Property(x => x.Place).HasMaxLength(16);
        b.Property(x => x.Injury).HasMaxLength(8);
        b.Property(x => x.Note).HasMaxLength(500);
        b.Property(x => x.RecordedBy).HasMaxLength(64);
        b.HasIndex(x => new { x.ElderId, x.OccurredOn });
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<HomeVisit>().WithMany().HasForeignKey(x => x.HomeVisitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<InstitutionStay>().WithMany().HasForeignKey(x => x.StayId).OnDelete(DeleteBehavior.Restrict);
    }
}
