using Microsoft.EntityFrameworkCore;
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
    /// <summary>Longest leave that may be planned in one go (platform decision, docs/notes/institution-care.md).</summary>
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
public sealed class InstitutionLeave
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
        b.Property(x => x.CreatedByUser).HasMaxLength(64);
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
    }
}
