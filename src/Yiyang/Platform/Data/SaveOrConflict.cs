namespace Yiyang.Platform.Data;

/// <summary>Saving where a concurrent writer may win: the loser gets a 409 with a message that says what happened.</summary>
public static class SaveOrConflict
{
    /// <summary>The message for a lost optimistic-concurrency race (the row version changed since it was read).</summary>
    public static ConflictException Concurrency() => new("concurrency", "记录已被他人修改，请刷新后再试。");

    /// <summary>
    /// Saves. A unique index that refuses the row becomes <paramref name="onDuplicate"/> (when given; otherwise the error
    /// travels on to the API's general "duplicate" 409); a changed row version becomes <paramref name="onConcurrency"/>
    /// or the general concurrency 409.
    /// </summary>
    public static async Task SaveOrConflictAsync(this DbContext db, CancellationToken ct,
        Func<AppException>? onDuplicate = null, Func<AppException>? onConcurrency = null)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw onConcurrency?.Invoke() ?? Concurrency();
        }
        catch (DbUpdateException e) when (onDuplicate is not null && DbErrors.IsUniqueViolation(e))
        {
            throw onDuplicate();
        }
    }
}
