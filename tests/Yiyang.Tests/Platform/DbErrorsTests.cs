using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Yiyang.Platform.Data;
using Yiyang.Platform.Errors;

namespace Yiyang.Tests.Platform;

/// <summary>Which database errors mean "unreachable now" (503 with Retry-After) rather than a fault (500) or bad input (4xx).</summary>
public sealed class DbErrorsTests
{
    public static TheoryData<Exception> Unavailable => new()
    {
        new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)),
        new NpgsqlException("Exception while reading from stream", new IOException("broken pipe")),
        new NpgsqlException("The connection pool has been exhausted", new TimeoutException()),
        new DbUpdateException("wrapped", new NpgsqlException("Exception while writing to stream", new IOException("reset"))),
        new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
            new NpgsqlException("Failed to connect", new SocketException((int)SocketError.HostUnreachable))),
        new PostgresException("terminating connection due to unexpected postmaster exit", "FATAL", "FATAL", "57P01"),
        new PostgresException("server login has been failing, try again later (server_login_retry)", "ERROR", "ERROR", "08P01"),
        new DbUpdateException("wrapped", new PostgresException("cannot execute INSERT in a read-only transaction", "ERROR", "ERROR", "25006")),
        new PostgresException("cannot acquire lock mode ExclusiveLock on database objects while recovery is in progress", "ERROR", "ERROR", "55000"),
        new SqliteException("database is locked", 5),
        new SqliteException("unable to open database file", 14),
        new SqliteException("database or disk is full", 13),
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public void An_unreachable_database_is_a_503(Exception e)
    {
        Assert.True(DbErrors.IsUnavailable(e));
        Assert.Equal(503, ProblemDetailsHandler.Map(e).Status);
    }

    public static TheoryData<Exception> NotUnavailable => new()
    {
        new InvalidOperationException("a bug"),
        new PostgresException("lock is not available", "ERROR", "ERROR", "55P03"),
        new PostgresException("object is in use", "ERROR", "ERROR", "55000"),
        new SqliteException("constraint failed", 19),
        new DbUpdateException("constraint", new SqliteException("UNIQUE constraint failed", 19)),
    };

    [Theory]
    [MemberData(nameof(NotUnavailable))]
    public void Other_errors_are_not_taken_for_an_outage(Exception e) => Assert.False(DbErrors.IsUnavailable(e));
}
