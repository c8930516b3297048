using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore.Storage;

namespace Yiyang.Platform.Data;

/// <summary>
/// A transaction of a use case: its own when none is open, else a savepoint in the one that is (a write request's, see
/// <see cref="RequestTransaction"/>). Commit releases the savepoint; disposing without commit (or Rollback) undoes the use
/// case's writes only, and the outer transaction goes on.
/// </summary>
public sealed class UseCaseTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction? _own;
    private readonly IDbContextTransaction? _outer;
    private readonly string? _savepoint;
    private bool _done;

    private UseCaseTransaction(IDbContextTransaction? own, IDbContextTransaction? outer, string? savepoint)
    {
        _own = own;
        _outer = outer;
        _savepoint = savepoint;
    }

    public static async Task<UseCaseTransaction> BeginAsync(YiyangDb db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is { } outer)
        {
            var name = "uc_" + Guid.NewGuid().ToString("N")[..12];
            await outer.CreateSavepointAsync(name, ct);
            return new UseCaseTransaction(null, outer, name);
        }
        return new UseCaseTransaction(await db.Database.BeginTransactionAsync(ct), null, null);
    }

    public async Task CommitAsync(CancellationToken ct = default)
    {
        _done = true;
        if (_own is not null) await _own.CommitAsync(ct);
        else await _outer!.ReleaseSavepointAsync(_savepoint!, ct);
    }

    public async Task RollbackAsync(CancellationToken ct = default)
    {
        _done = true;
        if (_own is not null) await _own.RollbackAsync(ct);
        else await _outer!.RollbackToSavepointAsync(_savepoint!, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_own is not null)
        {
            await _own.DisposeAsync(); // rolls back when not committed
            return;
        }
        if (_done || _outer is null) return;
        try
        {
            await _outer.RollbackToSavepointAsync(_savepoint!);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            // the outer transaction ended or failed already: it rolls back as a whole
        }
    }
}

public static class UseCaseTransactions
{
    /// <summary>See <see cref="UseCaseTransaction"/>.</summary>
    public static Task<UseCaseTransaction> BeginUseCaseTransactionAsync(this YiyangDb db, CancellationToken ct) => UseCaseTransaction.BeginAsync(db, ct);
}

/// <summary>
/// Every write request (any method but GET, HEAD and OPTIONS) runs in one database transaction, committed before the
/// response is written: a change and its audit entry (<see cref="AuditTrail"/>, written to the outbox in this transaction)
/// are committed together or not at all, and a use case that fails half-way (an exception) leaves nothing behind. After
/// the commit the request waits for the chain writer to move its entries into the chain, so a reader of the audit trail
/// sees them at once; should that fail (an outage right after the commit), the entries wait in the outbox and the answer
/// stays the committed one.
/// </summary>
public static class RequestTransaction
{
    public static bool Applies(string method) => !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    private const string KeepKey = "yiyang.tx.keep";
    private const string FailedKey = "yiyang.tx.failed";

    /// <summary>
    /// What the request wrote so far stays even though it then fails: security events such as a failed login (its counter
    /// and its audit entry) must not be undone by the 401 that reports them.
    /// </summary>
    public static void Keep(HttpContext? http)
    {
        if (http is not null) http.Items[KeepKey] = true;
    }

    /// <summary>The request failed although no exception left the handler (a page showing the error on the form): undo its writes.</summary>
    public static void Fail(HttpContext? http)
    {
        if (http is not null) http.Items[FailedKey] = true;
    }

    internal static bool Kept(HttpContext http) => http.Items.ContainsKey(KeepKey);

    internal static bool Failed(HttpContext http) => http.Items.ContainsKey(FailedKey);

    /// <summary>The endpoint filter of every module route (<see cref="Web.ModuleRegistry.MapModules"/>).</summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        var http = ctx.HttpContext;
        var db = http.RequestServices.GetRequiredService<YiyangDb>();
        if (!Applies(http.Request.Method)) return await ReadWithRetryAsync(ctx, next, db);
        object? result;
        await using (var tx = await db.Database.BeginTransactionAsync(http.RequestAborted))
        {
            try
            {
                result = await next(ctx);
            }
            catch when (Kept(http))
            {
                await tx.CommitAsync(CancellationToken.None);
                await AfterCommitAsync(http);
                throw;
            }
            // any other exception disposes the transaction uncommitted: rolled back
            await tx.CommitAsync(CancellationToken.None);
        }
        await AfterCommitAsync(http);
        return result;
    }

    /// <summary>How often a read is tried again when the database was unreachable (a restart, a failover), and the pause before each.</summary>
    public static readonly TimeSpan[] ReadRetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(800)];

    /// <summary>
    /// A read (GET) that met an unreachable database is tried again, twice, before the 503: it changes nothing, so running it
    /// again is safe. Writes are not retried: their transaction may have committed just before the connection broke, and
    /// only the client can tell whether to send it again (EF Core's retrying strategy is not used for the same reason: it
    /// refuses the request transactions and cannot make a commit idempotent).
    /// </summary>
    private static async ValueTask<object?> ReadWithRetryAsync(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next, YiyangDb db)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await next(ctx);
            }
            catch (Exception e) when (attempt < ReadRetryDelays.Length && DbErrors.IsUnavailable(e) && !ctx.HttpContext.Response.HasStarted
                                      && !ctx.HttpContext.RequestAborted.IsCancellationRequested)
            {
                db.ChangeTracker.Clear();
                await Task.Delay(ReadRetryDelays[attempt], ctx.HttpContext.RequestAborted);
            }
        }
    }

    internal static async Task AfterCommitAsync(HttpContext http)
    {
        var log = http.RequestServices.GetRequiredService<AuditLog>();
        try
        {
            await log.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestTransaction))
                .LogWarning("Audit entries of a committed request wait in the outbox: {Error}", e.GetType().Name);
        }
    }
}

/// <summary>
/// The same for Razor Pages: a POST handler runs in one transaction, rolled back when it throws or reports the failure on
/// the page (<see cref="RequestTransaction.Fail"/>, called by <see cref="Web.FormPageModel"/>).
/// </summary>
public sealed class RequestTransactionPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (!RequestTransaction.Applies(http.Request.Method))
        {
            await next();
            return;
        }
        var db = http.RequestServices.GetRequiredService<YiyangDb>();
        var committed = false;
        await using (var tx = await db.Database.BeginTransactionAsync(http.RequestAborted))
        {
            var executed = await next();
            if ((executed.Exception is null && !RequestTransaction.Failed(http)) || RequestTransaction.Kept(http))
            {
                await tx.CommitAsync(CancellationToken.None);
                committed = true;
            }
        }
        if (committed) await RequestTransaction.AfterCommitAsync(http);
    }
}
