namespace Yiyang.Modules.Elders;

/// <summary>
/// Encrypts the 居民健康卡 numbers stored in clear before migration 20261208121000_HealthCardCipher: in batches of 1,000,
/// each batch in its own transaction, the clear column emptied as the cipher and mask are written. Until it has run,
/// <see cref="Elder.HealthCard"/> and <see cref="Elder.HealthCardShown"/> read the clear value.
/// </summary>
public sealed class HealthCardEncryption(YiyangDb db, PiiProtector pii) : IDataUpgrade
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var done = 0;
        while (true)
        {
            var batch = await db.Elders.Where(e => e.HealthCardPending != null).OrderBy(e => e.Id).Take(1000).ToListAsync(ct);
            if (batch.Count == 0) return done;
            foreach (var e in batch)
            {
                var card = e.HealthCardPending!;
                e.HealthCardCipher = pii.Encrypt(card);
                e.HealthCardMasked = Masking.CardNumber(card);
                e.HealthCardPending = null;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            done += batch.Count;
        }
    }
}
