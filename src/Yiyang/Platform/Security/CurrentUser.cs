using System.Security.Claims;

namespace Yiyang.Platform.Security;

/// <summary>The signed-in user and their scope, read from the authentication claims.</summary>
public sealed class CurrentUser
{
    public const string OrganizationClaim = "yy:org";
    public const string RegionClaim = "yy:region";
    public const string BureauClaim = "yy:bureau";

    public CurrentUser(IHttpContextAccessor accessor) : this(accessor.HttpContext?.User) { }

    /// <param name="clock">The app's <see cref="TimeProvider"/>: "today" of the scope rules (e.g. agreement terms) comes from it.</param>
    public CurrentUser(IHttpContextAccessor accessor, TimeProvider clock) : this(accessor.HttpContext?.User) => Clock = clock;

    public CurrentUser(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true) return;
        IsAuthenticated = true;
        Id = long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
        UserName = principal.FindFirstValue(ClaimTypes.Name) ?? "";
        Role = principal.FindFirstValue(ClaimTypes.Role) ?? "";
        OrganizationId = long.TryParse(principal.FindFirstValue(OrganizationClaim), out var org) ? org : null;
        RegionCode = principal.FindFirstValue(RegionClaim);
        Bureau = principal.FindFirstValue(BureauClaim);
    }

    /// <summary>
    /// The identity of admin verbs run on the server console: their business work (<c>import-elders</c>) is city-wide
    /// business, so the console acts as the city operator (the platform admin holds no business rights).
    /// </summary>
    public static CurrentUser Console { get; } = new((ClaimsPrincipal?)null) { IsAuthenticated = true, UserName = "console", Role = Roles.CityOperator };

    public bool IsAuthenticated { get; private init; }
    public long? Id { get; private init; }
    public string UserName { get; private init; } = "";
    public string Role { get; private init; } = "";
    public long? OrganizationId { get; private init; }
    public string? RegionCode { get; private init; }
    public string? Bureau { get; private init; }

    /// <summary>The clock of the request (the app's <see cref="TimeProvider"/>; the system clock when built from claims only).</summary>
    public TimeProvider Clock { get; private init; } = TimeProvider.System;

    /// <summary>Today in China (UTC+8) by <see cref="Clock"/>.</summary>
    public DateOnly ChinaToday => DateOnly.FromDateTime(Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    /// <summary>Whether the user's role holds a named policy (<see cref="Policies"/>): the one permission question.</summary>
    public bool Can(string policy) => IsAuthenticated && Policies.Allows(policy, Role);

    /// <summary>Throws 403 unless the user <see cref="Can"/> hold the policy.</summary>
    public void Demand(string policy, string? message = null)
    {
        if (!Can(policy)) throw message is null ? new Errors.ForbiddenException() : new Errors.ForbiddenException(message);
    }

    public bool IsInRole(string role) => Role == role;
    public bool InAnyRole(params string[] roles) => roles.Contains(Role);

    /// <summary>Builds the claims written into the cookie or token for a user.</summary>
    public static List<Claim> ClaimsFor(long id, string userName, string role, long? organizationId, string? regionCode, string? bureau)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, userName),
            new(ClaimTypes.Role, role),
        };
        if (organizationId is { } o) claims.Add(new(OrganizationClaim, o.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (!string.IsNullOrEmpty(regionCode)) claims.Add(new(RegionClaim, regionCode));
        if (!string.IsNullOrEmpty(bureau)) claims.Add(new(BureauClaim, bureau));
        return claims;
    }
}
