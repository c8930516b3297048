namespace Yiyang.Modules.Accounts;

/// <summary>Accounts, sign-in (cookie and bearer token) and user management by the security admin.</summary>
public sealed class AccountsModule : YiyangModule
{
    public override void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<AccountService>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapAccounts();
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.ApplyConfiguration(new UserConfiguration());
        model.ApplyConfiguration(new ApiTokenConfiguration());
    }

    public override IReadOnlyDictionary<string, string[]> PolicyRoles { get; } = new Dictionary<string, string[]>
    {
        [AccountPolicies.ManageUsers] = [Roles.SecurityAdmin],
    };
}
