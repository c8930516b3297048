namespace Yiyang.Modules.Accounts;

/// <summary>Settings of sign-in and sessions (section <c>Accounts</c>; defaults in README.md).</summary>
public sealed class AccountOptions
{
    public int MaxFailedAttempts { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
    public int IdleTimeoutMinutes { get; set; } = 20;
    public int TokenLifetimeMinutes { get; set; } = 60;

    /// <summary>
    /// Failed logins (wrong password, unknown name, wrong second factor) counted in memory on each app node, per client
    /// address and per typed account name, in a window of <see cref="ThrottleWindowMinutes"/>; beyond either limit every
    /// attempt is answered 429 with Retry-After, without checking the password. 0 turns a limit off.
    /// </summary>
    public int FailuresPerIp { get; set; } = 50;
    public int FailuresPerName { get; set; } = 10;
    public int ThrottleWindowMinutes { get; set; } = 15;

    /// <summary>How long a node trusts the session stamp it read (<see cref="SessionStamps"/>): the cross-node delay of a logout.</summary>
    public int SessionCheckSeconds { get; set; } = 5;

    /// <summary>
    /// Whether the second factor (TOTP) is required for the administrator roles and <see cref="TotpRoles"/>. Unset: on,
    /// except in the Development environment (<c>dotnet run</c>), so that the demo logs in with a password alone.
    /// </summary>
    public bool? RequireTotp { get; set; }

    /// <summary>Business roles that must use the second factor besides the three administrators. Unset: every role that may reveal personal data.</summary>
    public string[]? TotpRoles { get; set; }

    /// <summary>The roles that may reveal any personal field (the default of <see cref="TotpRoles"/>).</summary>
    public static string[] RevealingRoles() =>
        [.. Roles.All.Where(r => new[] { "idNumber", "healthCardNo", "phone", "address", "contacts" }.Any(f => Policies.MayReveal(r, f)))];

    /// <summary>Whether a user of <paramref name="role"/> must have enrolled a second factor to sign in.</summary>
    public bool TotpRequiredFor(string role) =>
        RequireTotp != false && (Roles.IsAdministrator(role) || (TotpRoles ?? RevealingRoles()).Contains(role));
}
