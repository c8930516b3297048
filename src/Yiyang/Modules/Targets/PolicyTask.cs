using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Yiyang.Modules.Targets;

/// <summary>
/// A task of a policy document's task table (docs/domain/targets.md#policy-tasks): its text and seed reference, the lead
/// bureau that reports on it, the co-operating units, a deadline or yearly milestones, and the indicators it is judged by.
/// </summary>
public sealed class PolicyTask
{
    public long Id { get; set; }
    /// <summary>The region whose table it is (a district, a city).</summary>
    public required string RegionCode { get; set; }
    public int Number { get; set; }
    public required string Text { get; set; }
    public required string SeedReference { get; set; }
    /// <summary>The bureau on the platform that files the progress reports.</summary>
    public required string LeadBureau { get; set; }
    /// <summary>The lead and co-operating units as the table names them.</summary>
    public required string Units { get; set; }
    public DateOnly? Deadline { get; set; }
    /// <summary>Months between two progress reports (3: quarterly).</summary>
    public int ReportEveryMonths { get; set; } = 3;
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>What a task asks for in one year of its table (e.g. 2018: 50%).</summary>
public sealed class PolicyTaskMilestone
{
    public long TaskId { get; set; }
    public int Year { get; set; }
    public required string Text { get; set; }
}

/// <summary>An indicator a task is judged by.</summary>
public sealed class PolicyTaskIndicator
{
    public long TaskId { get; set; }
    public required string IndicatorCode { get; set; }
}

/// <summary>A progress report filed by the lead bureau; <see cref="Done"/> declares the task completed.</summary>
public sealed class PolicyTaskReport
{
    public long Id { get; set; }
    public long TaskId { get; set; }
    public required string Text { get; set; }
    public bool Done { get; set; }
    public required string FiledByUser { get; set; }
    public DateTimeOffset FiledAt { get; set; }
}

internal sealed class PolicyTaskConfiguration : IEntityTypeConfiguration<PolicyTask>
{
    public void Configure(EntityTypeBuilder<PolicyTask> b)
    {
        b.ToTable("targets_policy_task", t =>
        {
            t.HasCheckConstraint("ck_targets_policy_task_number", "number >= 1");
            t.HasCheckConstraint("ck_targets_policy_task_report_every", "report_every_months BETWEEN 1 AND 12");
        });
        b.Property(x => x.RegionCode).HasMaxLength(12);
        b.Property(x => x.Text).HasMaxLength(2000);
        b.Property(x => x.SeedReference).HasMaxLength(200);
        b.Property(x => x.LeadBureau).HasMaxLength(32);
        b.Property(x => x.Units).HasMaxLength(300);
        b.HasIndex(x => new { x.RegionCode, x.Number }).IsUnique();
    }
}

internal sealed class PolicyTaskMilestoneConfiguration : IEntityTypeConfiguration<PolicyTaskMilestone>
{
    public void Configure(EntityTypeBuilder<PolicyTaskMilestone> b)
    {
        b.ToTable("targets_policy_task_milestone", t => t.HasCheckConstraint("ck_targets_policy_task_milestone_year", "year BETWEEN 2000 AND 2100"));
        b.HasKey(x => new { x.TaskId, x.Year });
        b.Property(x => x.Text).HasMaxLength(100);
        b.HasOne<PolicyTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PolicyTaskIndicatorConfiguration : IEntityTypeConfiguration<PolicyTaskIndicator>
{
    public void Configure(EntityTypeBuilder<PolicyTaskIndicator> b)
    {
        b.ToTable("targets_policy_task_indicator");
        b.HasKey(x => new { x.TaskId, x.IndicatorCode });
        b.Property(x => x.IndicatorCode).HasMaxLength(64);
        b.HasOne<PolicyTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PolicyTaskReportConfiguration : IEntityTypeConfiguration<PolicyTaskReport>
{
    public void Configure(EntityTypeBuilder<PolicyTaskReport> b)
    {
        b.ToTable("targets_policy_task_report");
        b.Property(x => x.Text).HasMaxLength(2000);
        b.Property(x => x.FiledByUser).HasMaxLength(64);
        b.HasOne<PolicyTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.TaskId, x.FiledAt });
    }
}

/// <summary>A task's computed status.</summary>
public enum PolicyTaskStatus
{
    OnTrack = 1,
    Behind = 2,
    Overdue = 3,
    Done = 4,
}

/// <summary>
/// How a task's status is computed (docs/domain/targets.md#task-status): from its indicators' targets where it has any,
/// otherwise from its deadline (or last milestone year) and the reports.
/// </summary>
public static class PolicyTaskRules
{
    /// <summary>Days of grace after a report falls due before the task counts as behind.</summary>
    public const int ReportGraceDays = 15;

    public static PolicyTaskStatus Status(DateOnly today, DateOnly? deadline, int? lastMilestoneYear, int reportEveryMonths,
        DateOnly? lastReport, bool reportedDone, DateOnly createdOn, IReadOnlyList<bool?> indicatorsMet)
    {
        var judged = indicatorsMet.Where(m => m is not null).Select(m => m!.Value).ToList();
        if (judged.Count > 0) return judged.All(m => m) ? (reportedDone ? PolicyTaskStatus.Done : PolicyTaskStatus.OnTrack) : PolicyTaskStatus.Behind;
        if (reportedDone) return PolicyTaskStatus.Done;
        var due = deadline ?? (lastMilestoneYear is { } y ? new DateOnly(y, 12, 31) : null);
        if (due is { } d && today > d) return PolicyTaskStatus.Overdue;
        var reportDue = (lastReport ?? createdOn).AddMonths(reportEveryMonths).AddDays(ReportGraceDays);
        return today > reportDue ? PolicyTaskStatus.Behind : PolicyTaskStatus.OnTrack;
    }

    public static string Code(PolicyTaskStatus s) => s switch
    {
        PolicyTaskStatus.OnTrack => "on-track",
        PolicyTaskStatus.Behind => "behind",
        PolicyTaskStatus.Overdue => "overdue",
        _ => "done",
    };

    public static string Name(PolicyTaskStatus s) => s switch
    {
        PolicyTaskStatus.OnTrack => "按计划推进",
        PolicyTaskStatus.Behind => "进度滞后",
        PolicyTaskStatus.Overdue => "已逾期",
        _ => "已完成",
    };
}
