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
