namespace Yiyang.Modules.Elders;

/// <summary>
/// Seam for rules of other modules that hold back an elder's contact data from a user who may otherwise reveal it — the
/// institutions module's unconfirmed admission by ID card, for one (docs/domain/institutions.md#admission-safeguards).
/// The registry asks every registered guard before a reveal; none registered means no extra rule.
/// </summary>
public interface IContactRevealGuard
{
    /// <summary>Why the user may not see <paramref name="field"/> of <paramref name="elder"/> in clear, or null when nothing holds it back.</summary>
    Task<string?> RefusalAsync(Elder elder, string field, CancellationToken ct);
}
