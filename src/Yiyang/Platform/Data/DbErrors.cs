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
}
