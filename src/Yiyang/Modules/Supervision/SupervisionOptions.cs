namespace Yiyang.Modules.Supervision;

/// <summary>Settings of supervision (section <c>Supervision</c>; docs/domain/supervision.md).</summary>
public sealed class SupervisionOptions
{
    /// <summary>The share of the entity list inspected each year when a plan names none: the region's target (3 %).</summary>
    public decimal DefaultRatioPercent { get; set; } = 3m;

    /// <summary>The fewest inspectors drawn for one entity (and a plan's default).</summary>
    public int MinInspectorsPerEntity { get; set; } = 2;

    /// <summary>Working days from the day an inspection's result is formed to its publication due date (20).</summary>
    public int PublicationWorkingDays { get; set; } = 20;

    /// <summary>Whether the public results name the inspectors (name and certificate number only). Off by default.</summary>
    public bool PublishInspectorNames { get; set; }
}
