using Microsoft.Extensions.Options;

namespace Yiyang.Platform.Hosting;

/// <summary>A background round: does what is due now and says how much it did (0 when nothing was due).</summary>
public interface IPeriodicCheck
{
    Task<int> RunAsync(CancellationToken ct);
}

/// <summary>
/// Runs <typeparamref name="TCheck"/> in a fresh scope every <c>interval</c> (off when the interval is null or not
/// positive), optionally once at start, on the cluster's leader node only (<see cref="ILeadership"/>; a follower skips its
/// rounds until it leads). A failed round is logged by its exception type only (no personal data) and tried again at the
/// next tick; checks are idempotent besides, so a round that overlaps a change of leader does no harm.
/// </summary>
public sealed class PeriodicCheckService<TCheck>(IServiceScopeFactory scopes, Func<TimeSpan?> interval,
    bool runAtStart, ILeadership leadership, ILogger<PeriodicCheckService<TCheck>> log) : BackgroundService where TCheck : IPeriodicCheck
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (interval() is not { } every || every <= TimeSpan.Zero) return;
        if (runAtStart) await RoundAsync(stoppingToken);
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await RoundAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the host is stopping
        }
    }

    private async Task RoundAsync(CancellationToken ct)
    {
        if (!leadership.IsLeader) return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var done = await scope.ServiceProvider.GetRequiredService<TCheck>().RunAsync(ct);
            if (done > 0) log.LogInformation("{Check} did {Count}", typeof(TCheck).Name, done);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning("{Check} failed: {Error}", typeof(TCheck).Name, e.GetType().Name);
        }
    }
}

public static class PeriodicCheckRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TCheck"/> (scoped) and the background service that runs it at the interval read from
    /// the options <typeparamref name="TOptions"/> (null or not positive: never).
    /// </summary>
    public static IServiceCollection AddPeriodicCheck<TCheck, TOptions>(this IServiceCollection services,
        Func<TOptions, TimeSpan?> interval, bool runAtStart = false) where TCheck : class, IPeriodicCheck where TOptions : class
    {
        services.AddScoped<TCheck>();
        return services.AddHostedService(sp => new PeriodicCheckService<TCheck>(
            sp.GetRequiredService<IServiceScopeFactory>(), () => interval(sp.GetRequiredService<IOptions<TOptions>>().Value), runAtStart,
            sp.GetRequiredService<ILeadership>(), sp.GetRequiredService<ILogger<PeriodicCheckService<TCheck>>>()));
    }
}
