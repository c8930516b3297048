using System.Globalization;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Elders;
using Yiyang.Modules.HomeVisits;
using Yiyang.Modules.Institutions;

namespace Yiyang.Modules.DailyCare;

/// <summary>What happens after a medical-room encounter: 留观 / 转诊 / 回住处.</summary>
public enum Disposition
{
    Observe = 1,
    Refer = 2,
    ReturnHome = 3,
}

/// <summary>Kind of a medical order: 长期医嘱 / 临时医嘱.</summary>
public enum OrderKind
{
    LongTerm = 1,
    Temporary = 2,
}

/// <summary>
/// A medical-room encounter (医务室诊疗) of a resident: complaint, vitals (plausible by <see cref="VisitRules"/>, as for home
/// visits), findings, orders and the disposition. Carries the elder's region.
/// </summary>
public sealed class MedicalEncounter
{
    public long Id { get; set; }
    public long StayId { get; set; }
    public long ElderId { get; set; }
    public long OrganizationId { get; set; }
    public DateTimeOffset SeenAt { get; set; }
    public required string Complaint { get; set; }
    public int? Systolic { get; set; }
    public int? Diastolic { get; set; }
    public int? Pulse { get; set; }
    public decimal? Temperature { get; set; }
    public decimal? Glucose { get; set; }
    public int? Spo2 { get; set; }
    public decimal? Weight { get; set; }
    public string? Findings { get; set; }
    public Disposition Disposition { get; set; }
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<MedicalOrder> Orders { get; set; } = [];
}

/// <summary>One order of an encounter: 长期 or 临时, the text and optionally a drug and its dose.</summary>
public sealed class MedicalOrder
{
    public long Id { get; set; }
    public long EncounterId { get; set; }
    public int LineNo { get; set; }
    public OrderKind Kind { get; set; }
    public required string Text { get; set; }
    public string? Drug { get; set; }
    public string? Dose { get; set; }
}

internal sealed class MedicalEncounterConfiguration : IEntityTypeConfiguration<MedicalEncounter>
{
    /// <summary>The plausible range of a vital as a check (the same ranges as the service's validation, from <see cref="VisitRules"/>).</summary>
    private static string Between(string column, VisitRules.Range r) =>
        $"{column} IS NULL OR {column} BETWEEN {r.Min.ToString(CultureInfo.InvariantCulture)} AND {r.Max.ToString(CultureInfo.InvariantCulture)}";

    public void Configure(EntityTypeBuilder<MedicalEncounter> b)
    {
        b.ToTable("dailycare_encounter", t =>
        {
            t.HasCheckConstraint("ck_dailycare_encounter_disposition", "disposition IN (1, 2, 3)");
            t.HasCheckConstraint("ck_dailycare_encounter_region", "county_code = substr(township_code, 1, 6)");
            t.HasCheckConstraint("ck_dailycare_encounter_bp",
                "(systolic IS NULL AND diastolic IS NULL) OR (systolic IS NOT NULL AND diastolic IS NOT NULL AND diastolic < systolic)");
            foreach (var (column, range) in new[] { ("systolic", VisitRules.Systolic), ("diastolic", VisitRules.Diastolic), ("pulse", VisitRules.Pulse),
                         ("temperature", VisitRules.Temperature), ("glucose", VisitRules.Glucose), ("spo2", VisitRules.Spo2), ("weight", VisitRules.Weight) })
                t.HasCheckConstraint($"ck_dailycare_encounter_{column}", Between(column, range));
        });
        b.Property(x => x.Complaint).HasMaxLength(200);
        b.Property(x => x.Findings).HasMaxLength(1000);
        b.Property(x => x.Temperature).HasPrecision(4, 1);
        b.Property(x => x.Glucose).HasPrecision(4, 1);
        b.Property(x => x.Weight).HasPrecision(5, 1);
        b.Property(x => x.RecordedBy).HasMaxLength(64);
        b.HasIndex(x => new { x.StayId, x.SeenAt });
        b.HasOne<InstitutionStay>().WithMany().HasForeignKey(x => x.StayId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Orders).WithOne().HasForeignKey(x => x.EncounterId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MedicalOrderConfiguration : IEntityTypeConfiguration<MedicalOrder>
{
    public void Configure(EntityTypeBuilder<MedicalOrder> b)
    {
        b.ToTable("dailycare_encounter_order", t => t.HasCheckConstraint("ck_dailycare_encounter_order_kind", "kind IN (1, 2)"));
        b.Property(x => x.Text).HasMaxLength(200);
        b.Property(x => x.Drug).HasMaxLength(50);
        b.Property(x => x.Dose).HasMaxLength(50);
        b.HasIndex(x => new { x.EncounterId, x.LineNo }).IsUnique();
    }
}

public static class EncounterRules
{
    public static Disposition? ParseDisposition(string? code) => code?.Trim() switch
    {
        "observe" or "留观" => Disposition.Observe,
        "refer" or "转诊" => Disposition.Refer,
        "return" or "回住处" => Disposition.ReturnHome,
        _ => null,
    };

    public static string DispositionCode(Disposition d) => d switch
    {
        Disposition.Observe => "observe",
        Disposition.Refer => "refer",
        _ => "return",
    };

    public static string DispositionName(Disposition d) => d switch
    {
        Disposition.Observe => "留观",
        Disposition.Refer => "转诊",
        _ => "回住处",
    };

    public static OrderKind? ParseOrderKind(string? code) => code?.Trim() switch
    {
        "long-term" or "长期" => OrderKind.LongTerm,
        "temporary" or "临时" => OrderKind.Temporary,
        _ => null,
    };

    public static string OrderKindCode(OrderKind k) => k == OrderKind.LongTerm ? "long-term" : "temporary";

    public static string OrderKindName(OrderKind k) => k == OrderKind.LongTerm ? "长期" : "临时";

    /// <summary>转诊 does not create a referral: it links to the up-referral form with the elder filled in.</summary>
    public static string? ReferralLink(Disposition d, long elderId) =>
        d == Disposition.Refer ? $"/Referrals/Create?ElderId={elderId.ToString(CultureInfo.InvariantCulture)}" : null;
}
