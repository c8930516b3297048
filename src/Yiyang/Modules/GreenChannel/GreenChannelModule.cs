namespace Yiyang.Modules.GreenChannel;

/// <summary>Green-channel (绿色通道) quotas and appointments under cooperation agreements.</summary>
public sealed class GreenChannelModule : YiyangModule
{
    public override void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<Targets.IIndicator, GreenChannelCoverage>();
        services.AddScoped<GreenChannelAccess>();
        services.AddScoped<AppointmentMapping>();
        services.AddScoped<AppointmentTransitions>();
        services.AddScoped<QuotaAgreements>();
        services.AddScoped<CreateQuota>();
        services.AddScoped<ChangeQuota>();
        services.AddScoped<ListQuotas>();
        services.AddScoped<BookAppointment>();
        services.AddScoped<ListAppointments>();
        services.AddScoped<GetAppointment>();
        services.AddScoped<ConfirmAppointment>();
        services.AddScoped<RecordAppointmentArrival>();
        services.AddScoped<ServeAppointment>();
        services.AddScoped<CancelAppointment>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapGreenChannel();
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.ApplyConfiguration(new GreenChannelQuotaConfiguration());
        model.ApplyConfiguration(new GreenChannelAppointmentConfiguration());
    }

    public override IReadOnlyDictionary<string, string[]> PolicyRoles { get; } = new Dictionary<string, string[]>
    {
        [GreenChannelPolicies.Use] = [Roles.CityOperator, Roles.Doctor, Roles.Nurse, Roles.Caregiver, Roles.InstitutionAdmin],
        [GreenChannelPolicies.AnyOrganization] = [Roles.CityOperator],
        [GreenChannelPolicies.OwnOrganization] = [.. Roles.InstitutionStaff],
        [GreenChannelPolicies.ManageQuotas] = [Roles.CityOperator, Roles.InstitutionAdmin],
    };
}
