using Yiyang.Platform.Hosting;

namespace Yiyang.Modules.Emergency;

/// <summary>The family notifications' part of the emergency module: services, routes and tables (docs/domain/emergency.md#notifications).</summary>
public static class NotificationsWiring
{
    public static void AddEmergencyNotifications(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<NotificationOptions>(config.GetSection("Emergency:Notifications"));
        services.AddSingleton<INotificationChannel, FileNotificationChannel>();
        services.AddScoped<NotifySettings>();
        services.AddScoped<ListIncidentNotifications>();
        services.AddPeriodicCheck<NotificationCheck, NotificationOptions>(o => TimeSpan.FromSeconds(o.CheckSeconds));
    }

    public static void MapEmergencyNotifications(this IEndpointRouteBuilder app)
    {
        var settings = app.MapGroup("/api").WithTags("EmergencyNotifications").RequireAuthorization(EmergencyPolicies.ManageDevices);
        NotifySettings.Map(settings);
        var incidents = app.MapGroup("/api").WithTags("EmergencyNotifications").RequireAuthorization(EmergencyPolicies.ReadIncidents);
        ListIncidentNotifications.Map(incidents);
    }

    public static void ConfigureNotifications(this ModelBuilder model)
    {
        model.ApplyConfiguration(new EmergencyNotificationConfiguration());
        model.ApplyConfiguration(new EmergencyNotifySettingConfiguration());
        model.ApplyConfiguration(new EmergencyNotifyCursorConfiguration());
    }
}
