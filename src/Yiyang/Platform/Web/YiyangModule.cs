namespace Yiyang.Platform.Web;

/// <summary>
/// A module's one entry point: its services, endpoints, table configurations and authorization policies. Each module
/// folder has one subclass (<c>Modules/X/XModule.cs</c>); <see cref="ModuleRegistry"/> lists them by hand.
/// </summary>
public abstract class YiyangModule
{
    protected static readonly IReadOnlyDictionary<string, string[]> NoPolicies = new Dictionary<string, string[]>();

    /// <summary>The module's services and settings.</summary>
    public virtual void AddServices(IServiceCollection services, IConfiguration config) { }

    /// <summary>The module's API routes (its pages are found by Razor Pages in <c>Modules/X/Pages</c>).</summary>
    public virtual void MapEndpoints(IEndpointRouteBuilder app) { }

    /// <summary>The module's entity configurations (tables prefixed by the module).</summary>
    public virtual void ConfigureModel(ModelBuilder model) { }

    /// <summary>The authorization policies the module defines: policy name → the roles that hold it.</summary>
    public virtual IReadOnlyDictionary<string, string[]> PolicyRoles => NoPolicies;
}
