using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Yiyang.Platform.Data;

/// <summary>Text that no database column can hold (a NUL or an unpaired surrogate) was about to be sent: a 400.</summary>
public sealed class UnstorableTextException() : AppException("unsafe-text", Web.InputRules.UnsafeTextMessage)
{
    public override int Status => StatusCodes.Status400BadRequest;
}

/// <summary>
/// The last line behind the checks at binding: no command leaves with a text parameter PostgreSQL cannot store. Such
/// a value fails while PostgreSQL binds the parameters, and a failure there on a statement Npgsql is auto-preparing
/// leaves the connection out of step with the server (the next command on it reads "unexpected backend message
/// DataRow"; ADR 0011). Whatever path the text took — a body, a form, a CSV import — it is refused here, before it is
/// sent. Cost: one vectorised scan of each text parameter.
/// </summary>
public sealed class TextParameterGuard : DbCommandInterceptor
{
    public static readonly TextParameterGuard Instance = new();

    private static void Check(DbCommand command)
    {
        foreach (DbParameter p in command.Parameters)
            if (p.Value is string s && Web.InputRules.IsUnstorableText(s))
                throw new UnstorableTextException();
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }
}
