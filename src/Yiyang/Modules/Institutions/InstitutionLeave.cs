using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Institutions;

/// <summary>Kind of a leave from the institution: 请假 (personal leave) / 住院 (hospitalised).</summary>
public enum LeaveKind
{
    Personal = 1,
    Hospitalised = 2,
}

public static class LeaveRules
{
    /// <summary>Longest leave that may be planned in one go (platform decision, docs/history/notes/institution-care.md).</summary>
    public const int MaxPlannedDays = 90;

    public static LeaveKind? ParseKind(string? code) => code?.Trim() switch
    {
        "personal" or "请假" => LeaveKind.Personal,
        "hospitalised" or "hospitalized" or "住院" => LeaveKind.Hospitalised,
        _ => null,
    };

    public static string KindCode(LeaveKind k) => k == LeaveKind.Personal ? "personal" : "hospitalised";

    public static string KindName(LeaveKind k) => k == LeaveKind.Personal ? "请假" : "住院";

    /// <summary>
    /// Checks a new leave against its stay: it starts on or after admission, not more than 30 days ahead, and the expected
    /// return is on or after the start and at most <see cref="MaxPlannedDays"/> days later.
    /// </summary>
    public static Platform.Errors.FieldErrors Validate(DateOnly admittedOn, DateOnly startOn, DateOnly expectedReturnOn, DateOnly today)
    {
        var errors = new Platform.Errors.FieldErrors();
        if (startOn < admittedOn) errors.Add("startOn", "外出日期不能早于入住日期。");
        else if (startOn > today.AddDays(30)) errors.Add("startOn", "外出日期最多可提前 30 天登记。");
        if (expectedReturnOn < startOn) errors.Add("expectedReturnOn", "预计返回日期不能早于外出日期。");
        else if (expectedReturnOn.DayNumber - startOn.DayNumber > MaxPlannedDays)
            errors.Add("expectedReturnOn", $"一次外出最长 {MaxPlannedDays} 天，请到期后续假。");
        return errors;
    }

    /// <summary>Whether a leave still open on <paramref name="today"/> is overdue (expected back before today).</summary>
    public static bool Overdue(DateOnly expectedReturnOn, DateOnly today) => expectedReturnOn < today;
}

/// <summary>
/// A leave (请假/住院外出) during a stay: the bed stays held by the stay. Open while <see cref="ReturnedOn"/> is null; the
/// database holds at most one open leave per stay (partial unique index).
/// </summary>
public sealed class InstitutionLeave : Elders.IElderOwned
{
    public long Id { get; set; }
    public long StayId { get; set; }
    public long ElderId { get; set; }
    public long OrganizationId { get; set; }
    public LeaveKind Kind { get; set; }
    public DateOnly StartOn { get; set; }
    public DateOnly ExpectedReturnOn { get; set; }
    public DateOnly? ReturnedOn { get; set; }
    public string? Note { get; set; }
    public required string CreatedByUser { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class InstitutionLeaveConfiguration : IEntityTypeConfiguration<InstitutionLeave>
{
    public void Configure(EntityTypeBuilder<InstitutionLeave> b)
    {
        b.ToTable("institutions_leave", t =>
        {
            t.HasCheckConstraint("ck_institutions_leave_kind", "kind IN (1, 2)");
            t.HasCheckConstraint("ck_institutions_leave_dates",
                "expected_return_on >= start_on AND (returned_on IS NULL OR returned_on >= start_on)");
        });
        b.Property(x => x.Note).HasMaxLength(200);
        b.Property(x => x.Version).IsConcurrencyToken();
        // at most one open leave per stay
        b.HasIndex(x => x.StayId).IsUnique().HasFilter("returned_on IS NULL").HasDatabaseName("ux_institutions_leave_open_stay");
        b.HasIndex(x => new { x.StayId, x.StartOn });
        b.HasOne<InstitutionStay>().WithMany().HasForeignKey(x => x.StayId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Model configuration of the institution-care additions (leave, bed conversion), applied from <c>YiyangDb</c>.</summary>
public static class InstitutionCareModel
{
    public static void Configure(ModelBuilder b)
    {
        b.ApplyConfiguration(new InstitutionLeaveConfiguration());
        b.ApplyConfiguration(new BedConversionConfiguration());
    }
}

public enum ConversionStatus
{
    Pending = 1,
    Approved = 2,
    Rejected = 3,
}

/// <summary>Rules of bed conversion (床位转换, docs/domain/institutions.md#bed-conversion): between 养老 and 医疗 use only, decided by the right bureau.</summary>
public static class ConversionRules
{
    /// <summary>Only 养老 ↔ 医疗 use may be switched.</summary>
    public static bool Convertible(BedKind use) => use is BedKind.ElderCare or BedKind.Medical;

    /// <summary>The bureau that decides a conversion: to 医疗 use the health bureau, to 养老 use the civil-affairs bureau.</summary>
    public static string Bureau(BedKind toUse) => toUse == BedKind.Medical ? Platform.Security.Bureaus.Health : Platform.Security.Bureaus.CivilAffairs;

    public static string StatusCode(ConversionStatus s) => s switch
    {
        ConversionStatus.Pending => "pending",
        ConversionStatus.Approved => "approved",
        _ => "rejected",
    };

    public static string StatusName(ConversionStatus s) => s switch
    {
        ConversionStatus.Pending => "待审批",
        ConversionStatus.Approved => "已批准",
        _ => "已驳回",
    };
}

/// <summary>A request to switch a bed between 养老 and 医疗 use; at most one pending request per bed (partial unique index).</summary>
public sealed class BedConversion
{
    public long Id { get; set; }
    public long BedId { get; set; }
    public long OrganizationId { get; set; }
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    public BedKind FromUse { get; set; }
    public BedKind ToUse { get; set; }
    public required string Reason { get; set; }
    public ConversionStatus Status { get; set; }
    public required string RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public string? DecidedBy { get; set; }
    public string? DecidedBureau { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
    public int Version { get; set; }
}

internal sealed class BedConversionConfiguration : IEntityTypeConfiguration<BedConversion>
{
    public void Configure(EntityTypeBuilder<BedConversion> b)
    {
        b.ToTable("institutions_bed_conversion", t =>
        {
            t.HasCheckConstraint("ck_institutions_bed_conversion_kinds", "from_use IN (1, 3) AND to_use IN (1, 3) AND from_use <> to_use");
            t.HasCheckConstraint("ck_institutions_bed_conversion_status",
                "(status = 1 AND decided_at IS NULL) OR (status IN (2, 3) AND decided_at IS NOT NULL AND decided_by IS NOT NULL)");
            t.HasCheckConstraint("ck_institutions_bed_conversion_region", "county_code = substr(township_code, 1, 6)");
        });
        b.Property(x => x.Reason).HasMaxLength(200);
        b.Property(x => x.RequestedBy).HasMaxLength(64);
        b.Property(x => x.DecidedBy).HasMaxLength(64);
        b.Property(x => x.DecidedBureau).HasMaxLength(32);
        b.Property(x => x.DecisionNote).HasMaxLength(200);
        b.Property(x => x.Version).IsConcurrencyToken();
        // a bed with a pending request cannot get a second one
        b.HasIndex(x => x.BedId).IsUnique().HasFilter("status = 1").HasDatabaseName("ux_institutions_bed_conversion_pending");
        b.HasIndex(x => new { x.CountyCode, x.Status });
        b.HasOne<InstitutionBed>().WithMany().HasForeignKey(x => x.BedId).OnDelete(DeleteBehavior.Restrict);
    }
}
