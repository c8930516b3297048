namespace Yiyang.Modules.Audit;

/// <summary>The audit admin's reading and verification of the audit chain (the chain itself is written by Platform/Audit).</summary>
public sealed class AuditModule : YiyangModule
{
    public override void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<AuditReader>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapAudit();
    }

    public override IReadOnlyDictionary<string, string[]> PolicyRoles { get; } = new Dictionary<string, string[]>
    {
        [AuditPolicies.Read] = [Roles.AuditAdmin],
    };
}
