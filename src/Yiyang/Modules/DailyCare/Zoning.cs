using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.DailyCare;

/// <summary>Kind of an infection-control area: 生活照护区 / 医疗区 / 隔离观察区 / 其他.</summary>
public enum AreaKind
{
    Care = 1,
    Medical = 2,
    Isolation = 3,
    Other = 4,
}

/// <summary>Infection-control zoning (感染防控分区) of an institution: whether care and medical areas are separated (医养分区). One per institution.</summary>
public sealed class InstitutionZoning
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    public bool Separated { get; set; }
    public string? Note { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>An area of the institution's zoning.</summary>
public sealed class ZoneArea
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    public int LineNo { get; set; }
    public required string Name { get; set; }
    public AreaKind Kind { get; set; }
    public string? Building { get; set; }
    public string? Floor { get; set; }
    public string? Note { get; set; }
}

/// <summary>A room of the institution (ward + room, as on its beds) assigned to an area.</summary>
public sealed class ZoneRoom
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    public required string Ward { get; set; }
    public required string Room { get; set; }
    public long AreaId { get; set; }
}

internal sealed class InstitutionZoningConfiguration : IEntityTypeConfiguration<InstitutionZoning>
{
    public void Configure(EntityTypeBuilder<InstitutionZoning> b)
    {
        b.ToTable("dailycare_zoning");
        b.Property(x => x.Note).HasMaxLength(200);
        b.Property(x => x.UpdatedBy).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.OrganizationId).IsUnique().HasDatabaseName("ux_dailycare_zoning_organization");
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ZoneAreaConfiguration : IEntityTypeConfiguration<ZoneArea>
{
    public void Configure(EntityTypeBuilder<ZoneArea> b)
    {
        b.ToTable("dailycare_zone_area", t => t.HasCheckConstraint("ck_dailycare_zone_area_kind", "kind IN (1, 2, 3, 4)"));
        b.Property(x => x.Name).HasMaxLength(50);
        b.Property(x => x.Building).HasMaxLength(50);
        b.Property(x => x.Floor).HasMaxLength(20);
        b.Property(x => x.Note).HasMaxLength(200);
        b.HasIndex(x => new { x.OrganizationId, x.Name }).IsUnique().HasDatabaseName("ux_dailycare_zone_area_name");
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ZoneRoomConfiguration : IEntityTypeConfiguration<ZoneRoom>
{
    public void Configure(EntityTypeBuilder<ZoneRoom> b)
    {
        b.ToTable("dailycare_zone_room");
        b.Property(x => x.Ward).HasMaxLength(50);
        b.Property(x => x.Room).HasMaxLength(50);
        // a room is in one area
        b.HasIndex(x => new { x.OrganizationId, x.Ward, x.Room }).IsUnique().HasDatabaseName("ux_dailycare_zone_room_place");
        b.HasOne<ZoneArea>().WithMany().HasForeignKey(x => x.AreaId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class ZoningRules
{
    public static AreaKind? ParseKind(string? code) => code?.Trim() switch
    {
        "care" or "生活照护区" => AreaKind.Care,
        "medical" or "医疗区" => AreaKind.Medical,
        "isolation" or "隔离观察区" => AreaKind.Isolation,
        "other" or "其他" => AreaKind.Other,
        _ => null,
    };

    public static string KindCode(AreaKind k) => k switch
    {
        AreaKind.Care => "care",
        AreaKind.Medical => "medical",
        AreaKind.Isolation => "isolation",
        _ => "other",
    };

    public static string KindName(AreaKind k) => k switch
    {
        AreaKind.Care => "生活照护区",
        AreaKind.Medical => "医疗区",
        AreaKind.Isolation => "隔离观察区",
        _ => "其他",
    };

    /// <summary>A medical-use bed (licensed 医疗 and not converted, or converted to 医疗 use) in a 生活照护区 room is a zoning warning.</summary>
    public static bool MedicalBedInCareArea(Institutions.BedKind kind, Institutions.BedKind? useKind, AreaKind area) =>
        (useKind ?? kind) == Institutions.BedKind.Medical && area == AreaKind.Care;
}

public sealed record AreaInput(string? Name, string? Kind, string? Building, string? Floor, string? Note);

/// <summary>A room assignment: <see cref="Area"/> is the area's name in the same request.</summary>
public sealed record RoomAssignmentInput(string? Ward, string? Room, string? Area);

public sealed record ZoningInput(bool? Separated, string? Note, IReadOnlyList<AreaInput>? Areas, IReadOnlyList<RoomAssignmentInput>? Rooms, int? Version);

public sealed record AreaDto(long Id, string Name, string Kind, string KindName, string? Building, string? Floor, string? Note);

public sealed record RoomDto(string Ward, string Room, string? Area, string? AreaKind, int Beds, int MedicalBeds);

public sealed record ZoningDto(long OrganizationId, bool Separated, string? Note, int Version, IReadOnlyList<AreaDto> Areas, IReadOnlyList<RoomDto> Rooms,
    IReadOnlyList<string> Warnings, bool ReadOnly) : IVersioned;
