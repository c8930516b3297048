using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Yiyang.Modules.Accounts;

public sealed class User
{
    public long Id { get; set; }
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }
    public required string Role { get; set; }
    /// <summary>For regulators: health / civil-affairs / insurance.</summary>
    public string? Bureau { get; set; }
    /// <summary>Region scope (2/4/6/9-digit division code) for regulators and call operators.</summary>
    public string? RegionCode { get; set; }
    /// <summary>Organization scope for institution staff.</summary>
    public long? OrganizationId { get; set; }
    public bool IsActive { get; set; } = true;
    public int FailedLoginCount { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Version { get; set; }

    /// <summary>
    /// Written into the login cookie and compared on every request (<see cref="SessionStamps"/>): a new stamp on logout,
    /// password change, role change, disabling or a forced sign-out ends every cookie of the user at once.
    /// </summary>
    public string SessionStamp { get; set; } = SessionStamps.NewStamp();

    /// <summary>The TOTP secret (Base32), encrypted with the PII key; null until the user enrols (<see cref="TotpEnabledAt"/>).</summary>
    public byte[]? TotpSecret { get; set; }
    public DateTimeOffset? TotpEnabledAt { get; set; }
    /// <summary>The last TOTP time step accepted: a code is good once (no replay within its window).</summary>
    public long? TotpLastStep { get; set; }
}

/// <summary>A bearer token for API clients; only its SHA-256 hash is stored.</summary>
public sealed class ApiToken
{
    public long Id { get; set; }
    public required string TokenHash { get; set; }
    public long UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.ToTable("accounts_user", t =>
        {
            t.HasCheckConstraint("ck_accounts_user_failed", "failed_login_count >= 0");
        });
        b.Property(x => x.UserName).HasMaxLength(64);
        b.Property(x => x.DisplayName).HasMaxLength(64);
        b.Property(x => x.PasswordHash).HasMaxLength(256);
        b.Property(x => x.Role).HasMaxLength(32);
        b.Property(x => x.Bureau).HasMaxLength(32);
        b.Property(x => x.RegionCode).HasMaxLength(12);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.SessionStamp).HasMaxLength(32);
        b.HasIndex(x => x.UserName).IsUnique();
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.ToTable("accounts_api_token");
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasIndex(x => x.UserId);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A password the user had before (hash only): the last ones may not be chosen again (<see cref="PasswordRules"/>).</summary>
public sealed class PasswordHistoryEntry
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public required string PasswordHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A one-time recovery code of the second factor; only its keyed hash is stored.</summary>
public sealed class RecoveryCode
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public required string CodeHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

internal sealed class PasswordHistoryConfiguration : IEntityTypeConfiguration<PasswordHistoryEntry>
{
    public void Configure(EntityTypeBuilder<PasswordHistoryEntry> b)
    {
        b.ToTable("accounts_password_history");
        b.Property(x => x.PasswordHash).HasMaxLength(256);
        b.HasIndex(x => x.UserId);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RecoveryCodeConfiguration : IEntityTypeConfiguration<RecoveryCode>
{
    public void Configure(EntityTypeBuilder<RecoveryCode> b)
    {
        b.ToTable("accounts_recovery_code");
        b.Property(x => x.CodeHash).HasMaxLength(64);
        b.HasIndex(x => new { x.UserId, x.CodeHash }).IsUnique();
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
