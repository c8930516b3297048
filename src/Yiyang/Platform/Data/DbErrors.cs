namespace Yiyang.Platform.Data;

/// <summary>What a refused write means, on either provider: the one place that reads SQLSTATEs and SQLite codes.</summary>
public static class DbErrors
{
    /// <summary>A unique index or primary key refused the row (PostgreSQL 23505; SQLite constraint unique / primary key).</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == "23505",
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };

    /// <summary>
    /// A yearly record written while its elder moved to another township: the database keeps a record's region equal
    /// to the elder's (foreign keys and triggers named <c>*_elder_region</c>).
    /// </summary>
    public static bool IsRegionMoved(DbUpdateException e) => e.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == "23503" && pg.ConstraintName?.EndsWith("_elder_region", StringComparison.Ordinal) == true,
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode == 19 && s.Message.Contains("_elder_region", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>A check, exclusion or foreign-key constraint refused the row (any other SQLite constraint error).</summary>
    public static bool IsCheckViolation(DbUpdateException e) => e.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState is "23514" or "23P01" or "23503",
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode == 19,
        _ => false,
    };

    /// <summary>PostgreSQL could not take a text value (22021: a NUL or a byte sequence invalid in UTF-8, e.g. in a COPY).</summary>
    public static bool IsUnstorableText(Exception e) => e is Npgsql.PostgresException { SqlState: "22021" };

    /// <summary>
    /// The database cannot be reached or cannot serve now (an outage, a restart, a failover, an exhausted pool, a locked or
    /// unwritable SQLite file): the request may succeed later (503 with Retry-After), it is not the request's fault. Looks
    /// through the exception chain (EF wraps provider errors).
    /// </summary>
    public static bool IsUnavailable(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case Npgsql.PostgresException pg:
                    // 08: connection exception; 57P01–57P03: shut down or starting; 53300: too many connections; 25006: a write
                    // reached a node that is a standby now (a failover is under way: the proxy still routed to the old
                    // primary); 55000 "while recovery is in progress": a lock asked of such a standby
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300" or "25006"
                        || (pg.SqlState == "55000" && pg.MessageText.Contains("recovery", StringComparison.Ordinal));
                case Npgsql.NpgsqlException n when n.IsTransient || n.InnerException is System.Net.Sockets.SocketException or IOException or TimeoutException:
                    return true;
                case Microsoft.Data.Sqlite.SqliteException s:
                    // busy, locked, I/O error, disk full, cannot open
                    return s.SqliteErrorCode is 5 or 6 or 10 or 13 or 14;
                case System.Net.Sockets.SocketException:
                    return true;
            }
        }
        return false;
    }
}
