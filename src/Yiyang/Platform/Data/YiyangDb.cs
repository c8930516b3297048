using System.Text;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Yiyang.Modules.Accounts;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Organizations;

namespace Yiyang.Platform.Data;

/// <summary>The one DbContext. Each module contributes its entity configurations; tables are prefixed by module.</summary>
public sealed class YiyangDb(DbContextOptions<YiyangDb> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<User> Users => Set<User>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Elder> Elders => Set<Elder>();
    public DbSet<TimelineEvent> TimelineEvents => Set<TimelineEvent>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditOutboxEntry> AuditOutbox => Set<AuditOutboxEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Modules.FamilyDoctor.FamilyDoctorTeam> FamilyDoctorTeams => Set<Modules.FamilyDoctor.FamilyDoctorTeam>();
    public DbSet<Modules.FamilyDoctor.FamilyDoctorPackage> FamilyDoctorPackages => Set<Modules.FamilyDoctor.FamilyDoctorPackage>();
    public DbSet<Modules.FamilyDoctor.FamilyDoctorContract> FamilyDoctorContracts => Set<Modules.FamilyDoctor.FamilyDoctorContract>();

    public bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    protected override void ConfigureConventions(ModelConfigurationBuilder b)
    {
        if (Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            // SQLite cannot compare or order DateTimeOffset stored as text; store UTC instants as sortable integers.
            // (the UTC instant: EF's own binary converter keeps the local clock and the offset, which orders +08:00 values
            // wrongly against UTC ones)
            b.Properties<DateTimeOffset>().HaveConversion<UtcInstantToBinaryConverter>();
        }
        else
        {
            // timestamptz takes UTC only (Npgsql refuses another offset): every instant, written or compared in a query,
            // is converted here once instead of in each service (a phone sends +08:00)
            b.Properties<DateTimeOffset>().HaveConversion<UtcInstantConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.ApplyConfiguration(new AuditEntryConfiguration());
        b.ApplyConfiguration(new AuditOutboxConfiguration());
        b.ApplyConfiguration(new SecurityAlertConfiguration());
        b.ApplyConfiguration(new ThrottleHitConfiguration());
        Web.ModuleRegistry.ConfigureModules(b);
        CommonColumns.Apply(b.Model);
        b.Entity<DataProtectionKey>().ToTable("platform_data_protection_key");

        // snake_case column names, so that raw SQL, COPY and reports read naturally on PostgreSQL
        foreach (var entity in b.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
                property.SetColumnName(SnakeCase(property.Name));
        }
    }

    public static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])))) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}

/// <summary>An instant as UTC for PostgreSQL's timestamptz; read back as UTC.</summary>
public sealed class UtcInstantConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(), v => v.ToUniversalTime());

/// <summary>
/// An instant as a sortable integer for SQLite: EF's DateTimeOffsetToBinaryConverter layout ((ticks / 1000) &lt;&lt; 11 |
/// offset minutes) with the UTC ticks and offset 0, so values written by that converter in UTC read the same.
/// </summary>
public sealed class UtcInstantToBinaryConverter() : ValueConverter<DateTimeOffset, long>(
    v => (v.UtcTicks / 1000) << 11, v => new DateTimeOffset((v >> 11) * 1000, TimeSpan.Zero));
