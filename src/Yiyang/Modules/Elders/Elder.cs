using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Platform.Identifiers;

namespace Yiyang.Modules.Elders;

/// <summary>
/// One person served by the platform (一人一档), keyed by 居民身份证号. ID number, phone, address and contacts are
/// stored only encrypted; the ID and phone also as keyed hashes for exact lookup, and as display masks.
/// </summary>
public sealed class Elder
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public Sex Sex { get; set; }
    public DateOnly BirthDate { get; set; }
    public required byte[] IdNumberCipher { get; set; }
    public required byte[] IdNumberHash { get; set; }
    public required string IdNumberMasked { get; set; }
    public byte[]? PhoneCipher { get; set; }
    public byte[]? PhoneHash { get; set; }
    public string? PhoneMasked { get; set; }
    public byte[]? AddressCipher { get; set; }
    public string? AddressMasked { get; set; }
    /// <summary>Encrypted JSON array of contacts (name, relation, phone).</summary>
    public byte[]? ContactsCipher { get; set; }
    public int ContactCount { get; set; }
    /// <summary>9-digit township (乡镇/街道) code; the region every growing table carries.</summary>
    public required string TownshipCode { get; set; }
    /// <summary>6-digit county code (first 6 of the township), kept for partitioning and fast filters.</summary>
    public required string CountyCode { get; set; }
    /// <summary>医疗费用支付方式 code (WS 364 CV07.10.005).</summary>
    public string? InsuranceType { get; set; }
    /// <summary>居民健康卡 number, encrypted like the other identifiers (<see cref="HealthCard"/> reads it).</summary>
    public byte[]? HealthCardCipher { get; set; }
    /// <summary>The card number as shown (<see cref="Platform.Security.Masking.CardNumber"/>).</summary>
    public string? HealthCardMasked { get; set; }
    /// <summary>
    /// A card number still in clear from before encryption: emptied at start-up by <see cref="HealthCardEncryption"/>
    /// (the column goes in a later release); read only through <see cref="HealthCard"/> and <see cref="HealthCardShown"/>.
    /// </summary>
    public string? HealthCardPending { get; set; }
    public RiskFlags Flags { get; set; }
    public long? ResponsibleOrganizationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    /// <summary>The 居民健康卡 number in clear (for a reveal, an edit or a form that may show it).</summary>
    public string? HealthCard(PiiProtector pii) => HealthCardCipher is null ? HealthCardPending : pii.Decrypt(HealthCardCipher);

    /// <summary>The 居民健康卡 number masked.</summary>
    public string? HealthCardShown => HealthCardMasked ?? (HealthCardPending is null ? null : Masking.CardNumber(HealthCardPending));

    public int AgeOn(DateOnly day)
    {
        var age = day.Year - BirthDate.Year;
        if (day < BirthDate.AddYears(age)) age--;
        return age;
    }
}

/// <summary>One event in a person's timeline, written by whichever module did something for or about them.</summary>
public sealed class TimelineEvent
{
    public long Id { get; set; }
    public long ElderId { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>Stable code, e.g. elder.registered, elder.edited, elder.revealed.</summary>
    public required string Kind { get; set; }
    public required string Module { get; set; }
    /// <summary>Chinese summary without personal data.</summary>
    public required string Summary { get; set; }
    public required string Actor { get; set; }

    public const int SummaryMaxLength = 200;

    /// <summary>A timeline event for any module; the summary is cut to the column's length.</summary>
    public static TimelineEvent Create(long elderId, DateTimeOffset at, string kind, string module, string summary, string actor) => new()
    {
        ElderId = elderId,
        At = at,
        Kind = kind,
        Module = module,
        Summary = summary.Length > SummaryMaxLength ? summary[..(SummaryMaxLength - 1)] + "…" : summary,
        Actor = actor,
    };
}

internal sealed class ElderConfiguration : IEntityTypeConfiguration<Elder>
{
    public void Configure(EntityTypeBuilder<Elder> b)
    {
        b.ToTable("elders_elder", t =>
        {
            t.HasCheckConstraint("ck_elders_elder_sex", "sex IN (0, 1, 2, 9)");
            t.HasCheckConstraint("ck_elders_elder_region", "county_code = substr(township_code, 1, 6)");
        });
        // on PostgreSQL the column is COLLATE "C" (migration 20261205220000_NameCollation, set in SQL so that SQLite's
        // model stays valid): byte-wise like SQLite's BINARY, so the (county_code, name, id) index serves prefix search and order
        b.Property(x => x.Name).HasMaxLength(50);
        b.Property(x => x.IdNumberMasked).HasMaxLength(18);
        b.Property(x => x.PhoneMasked).HasMaxLength(20);
        b.Property(x => x.AddressMasked).HasMaxLength(40);
        b.Property(x => x.InsuranceType).HasMaxLength(4);
        b.Property(x => x.HealthCardMasked).HasMaxLength(32);
        b.Property(x => x.HealthCardPending).HasMaxLength(32);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.IdNumberHash).IsUnique();
        b.HasIndex(x => x.PhoneHash);
        // lists page by (name, id): with id in the index a page reads its 20 entries even where a common full name has
        // hundreds of namesakes in the district (no sort of the ties; migration 20261206050000_NameIdIndexes)
        b.HasIndex(x => new { x.TownshipCode, x.Name, x.Id });
        b.HasIndex(x => new { x.CountyCode, x.Name, x.Id });
        b.HasIndex(x => new { x.Name, x.Id });
        b.HasIndex(x => x.ResponsibleOrganizationId);
        // the elder's region as a key: the yearly health-management records reference it and follow a move (ON UPDATE
        // CASCADE on PostgreSQL, triggers on SQLite; migration 20261206070000_RecordsFollowElder, ADR 0008). A unique
        // index, not an EF alternate key, so the region stays an ordinary editable property
        b.HasIndex(x => new { x.Id, x.CountyCode, x.TownshipCode }).IsUnique().HasDatabaseName("ux_elders_elder_id_region");
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(x => x.ResponsibleOrganizationId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TimelineEventConfiguration : IEntityTypeConfiguration<TimelineEvent>
{
    public void Configure(EntityTypeBuilder<TimelineEvent> b)
    {
        b.ToTable("elders_timeline_event");
        b.Property(x => x.Kind).HasMaxLength(64);
        b.Property(x => x.Module).HasMaxLength(32);
        b.Property(x => x.Summary).HasMaxLength(200);
        b.Property(x => x.Actor).HasMaxLength(64);
        b.HasIndex(x => new { x.ElderId, x.At });
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Cascade);
    }
}
