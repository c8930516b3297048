using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Yiyang.Modules.Supervision;

/// <summary>A day the year's notice changes: a public holiday (放假) or a make-up working day (调休上班日).</summary>
public enum CalendarDayKind
{
    Holiday = 1,
    MakeUpWorkday = 2,
}

/// <summary>
/// One year's holiday calendar as announced by the State Council General Office (docs/domain/working-days.md): the
/// holidays and the make-up working days. A year without a row has no calendar: working-day deadlines that reach it
/// are refused, never counted on weekends alone.
/// </summary>
public sealed class WorkingDayCalendar : IVersioned
{
    public int Year { get; set; }
    /// <summary>The notice the dates come from (title and date).</summary>
    public required string Source { get; set; }
    public required string UpdatedByUser { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

public sealed class WorkingDayCalendarDay
{
    public long Id { get; set; }
    public int Year { get; set; }
    public DateOnly Date { get; set; }
    public CalendarDayKind Kind { get; set; }
    /// <summary>The holiday the day belongs to (元旦, 春节…).</summary>
    public required string Name { get; set; }
}

internal sealed class WorkingDayCalendarConfiguration : IEntityTypeConfiguration<WorkingDayCalendar>
{
    public void Configure(EntityTypeBuilder<WorkingDayCalendar> b)
    {
        b.ToTable("supervision_calendar_year", t => t.HasCheckConstraint("ck_supervision_calendar_year_year", "year BETWEEN 2000 AND 2100"));
        b.HasKey(x => x.Year);
        b.Property(x => x.Year).ValueGeneratedNever();
        b.Property(x => x.Source).HasMaxLength(200);
        b.Property(x => x.UpdatedByUser).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

internal sealed class WorkingDayCalendarDayConfiguration : IEntityTypeConfiguration<WorkingDayCalendarDay>
{
    public void Configure(EntityTypeBuilder<WorkingDayCalendarDay> b)
    {
        b.ToTable("supervision_calendar_day", t => t.HasCheckConstraint("ck_supervision_calendar_day_kind", "kind IN (1, 2)"));
        b.Property(x => x.Name).HasMaxLength(20);
        // a date is either a holiday or a make-up working day, once
        b.HasIndex(x => x.Date).IsUnique().HasDatabaseName("ux_supervision_calendar_day_date");
        b.HasIndex(x => x.Year);
        b.HasOne<WorkingDayCalendar>().WithMany().HasForeignKey(x => x.Year).OnDelete(DeleteBehavior.Cascade);
    }
}
