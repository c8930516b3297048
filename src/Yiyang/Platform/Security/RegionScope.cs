using System.Linq.Expressions;

namespace Yiyang.Platform.Security;

/// <summary>
/// The region rule for region-bound roles (regulators, call operators): a user sees what lies in their region, a
/// region code being a prefix of the 9-digit township code (4 = city, 6 = district, 9 = township). A region-bound user
/// without a region sees nothing.
/// </summary>
public static class RegionScope
{
    /// <summary>Whether the township lies in the user's region (false when the user has no region).</summary>
    public static bool Covers(this CurrentUser user, string? townshipCode) =>
        !string.IsNullOrEmpty(user.RegionCode) && townshipCode is not null
        && townshipCode.StartsWith(user.RegionCode, StringComparison.Ordinal);

    /// <summary>The rows whose township (selected by <paramref name="townshipCode"/>) lies in the user's region.</summary>
    public static IQueryable<T> InRegionOf<T>(this IQueryable<T> query, CurrentUser user, Expression<Func<T, string>> townshipCode)
    {
        if (string.IsNullOrEmpty(user.RegionCode)) return query.Where(_ => false);
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        Expression<Func<string>> region = () => user.RegionCode; // a parameter, not a constant: one plan for every region
        var body = Expression.Call(townshipCode.Body, startsWith, region.Body);
        return query.Where(Expression.Lambda<Func<T, bool>>(body, townshipCode.Parameters));
    }
}
