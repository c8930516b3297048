using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Elders;
using Yiyang.Platform.Data;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Security;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Elders;

/// <summary>
/// The exact-search quota is counted in the database: every app node (here: every context, as on separate nodes) counts
/// the same searches, and searches racing on several nodes never get past the limit.
/// </summary>
public abstract class ExactSearchThrottleTests(AppFixture fixture) : ApiTestBase(fixture), IAsyncLifetime
{
    private readonly TestClock _clock = new();
    private readonly List<AsyncServiceScope> _scopes = [];

    /// <summary>A throttle as one app node would have it: its own scope and context.</summary>
    private ExactSearchThrottle Node(ElderOptions? o = null)
    {
        var scope = Factory.Services.CreateAsyncScope();
        _scopes.Add(scope);
        var shared = new SharedThrottle(scope.ServiceProvider.GetRequiredService<YiyangDb>(),
            scope.ServiceProvider.GetRequiredService<PiiProtector>(), _clock);
        return new ExactSearchThrottle(shared, Options.Create(o ?? new ElderOptions()));
    }

    private static string User() => "user-" + Guid.NewGuid().ToString("N");

    [DbFact]
    public async Task By_default_a_user_has_20_exact_searches_an_hour_across_nodes_then_429_until_the_oldest_leaves_the_hour()
    {
        var (a, b) = (Node(), Node());
        var user = User();
        for (var i = 0; i < 20; i++)
        {
            await (i % 2 == 0 ? a : b).TakeAsync(user, CancellationToken.None); // a load balancer alternates the nodes
            _clock.Offset += TimeSpan.FromMinutes(1);
        }
        var e = await Assert.ThrowsAsync<TooManyRequestsException>(() => a.TakeAsync(user, CancellationToken.None));
        Assert.Equal(429, e.Status);
        Assert.InRange(e.RetryAfterSeconds, 39 * 60, 40 * 60); // the first search, 20 minutes ago, leaves the hour in 40
        Assert.Contains("20 次", e.Message);
        await Assert.ThrowsAsync<TooManyRequestsException>(() => b.TakeAsync(user, CancellationToken.None));

        await b.TakeAsync(User(), CancellationToken.None); // another user's quota is their own
        _clock.Offset += TimeSpan.FromMinutes(41);
        await a.TakeAsync(user, CancellationToken.None); // refused tries did not push the wait further
    }

    [DbFact]
    public async Task Searches_racing_on_several_nodes_never_pass_the_limit()
    {
        var user = User();
        var nodes = Enumerable.Range(0, 8).Select(_ => Node(new ElderOptions { ExactSearchLimit = 5 })).ToList();
        var results = await Task.WhenAll(nodes.Select(async n =>
        {
            try
            {
                await n.TakeAsync(user, CancellationToken.None);
                return true;
            }
            catch (TooManyRequestsException)
            {
                return false;
            }
        }));
        Assert.InRange(results.Count(r => r), 4, 5); // at worst one more is refused, never one more let through
        await using var scope = Factory.Services.CreateAsyncScope();
        var hash = scope.ServiceProvider.GetRequiredService<PiiProtector>().Hash("throttle:elders.exact-search", user);
        var db = scope.ServiceProvider.GetRequiredService<YiyangDb>();
        Assert.Equal(results.Count(r => r), await db.Set<ThrottleHit>().CountAsync(h => h.Subject == hash)); // refusals are not kept
    }

    [DbFact]
    public async Task A_limit_of_0_turns_the_throttle_off_and_old_hits_are_swept()
    {
        var throttle = Node(new ElderOptions { ExactSearchLimit = 0 });
        for (var i = 0; i < 100; i++) await throttle.TakeAsync("7", CancellationToken.None);

        await Node().TakeAsync(User(), CancellationToken.None);
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YiyangDb>();
        Assert.True(await db.Set<ThrottleHit>().AnyAsync());
        _clock.Offset += ThrottleSweep.Keep + TimeSpan.FromMinutes(1);
        await new ThrottleSweep(db, _clock).RunAsync(CancellationToken.None);
        var left = _clock.GetUtcNow() - ThrottleSweep.Keep;
        Assert.False(await db.Set<ThrottleHit>().AnyAsync(h => h.At < left));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var s in _scopes) await s.DisposeAsync();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ExactSearchThrottleTestsSqlite(SqliteAppFixture f) : ExactSearchThrottleTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ExactSearchThrottleTestsPostgres(PostgresAppFixture f) : ExactSearchThrottleTests(f), IPostgresTests;
