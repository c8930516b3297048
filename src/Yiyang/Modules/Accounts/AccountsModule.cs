namespace Yiyang.Modules.Accounts;

/// <summary>Accounts, sign-in (cookie and bearer token, second factor), sessions and user management by the security admin.</summary>
public sealed class AccountsModule : YiyangModule
{
    public override void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<AccountService>();
        services.AddScoped<AccountSessions>();
        services.AddScoped<SecondFactor>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<SessionStamps>();
        services.AddScoped<IssueToken>();
        services.AddScoped<Logout>();
        services.AddScoped<ChangeOwnPassword>();
        services.AddScoped<SetUserActive>();
        services.AddScoped<ChangeUserRole>();
        services.AddScoped<RevokeUserSessions>();
        services.AddScoped<ResetUserTotp>();
        services.AddScoped<ListSecurityAlerts>();
        services.AddScoped<AcknowledgeSecurityAlert>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapAccounts();
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.ApplyConfiguration(new UserConfiguration());
        model.ApplyConfiguration(new ApiTokenConfiguration());
        model.ApplyConfiguration(new PasswordHistoryConfiguration());
        model.ApplyConfiguration(new RecoveryCodeConfiguration());
    }

    public override IReadOnlyDictionary<string, string[]> PolicyRoles { get; } = new Dictionary<string, string[]>
    {
        [AccountPolicies.ManageUsers] = [Roles.SecurityAdmin],
    };
}
