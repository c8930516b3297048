namespace Yiyang.Modules.Inbox;

/// <summary>Each user's inbox of alerts about elders (docs/domain/inbox.md), with the unread count in the navigation.</summary>
public sealed class InboxModule : YiyangModule
{
    public override void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<InboxWriter>();
        services.AddScoped<ListInbox>();
        services.AddScoped<MarkRead>();
        services.AddScoped<InboxBadge>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder app) => app.MapInbox();

    public override void ConfigureModel(ModelBuilder model) => model.ApplyConfiguration(new InboxMessageConfiguration());

    public override IReadOnlyDictionary<string, string[]> PolicyRoles { get; } = new Dictionary<string, string[]>
    {
        [InboxPolicies.Read] = [.. Roles.Business],
    };
}
