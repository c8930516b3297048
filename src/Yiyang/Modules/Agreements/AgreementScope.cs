using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Institutions;

namespace Yiyang.Modules.Agreements;

/// <summary>
/// The access an agreement grants (docs/domain/collaboration.md#access-granted-by-an-agreement): while an agreement is in force (status 生效 and today within the
/// term), staff of its medical institution may read the elders with an open stay in its care institution. "Today" is
/// the caller's (<see cref="Platform.Security.CurrentUser.ChinaToday"/>, from the app's <see cref="TimeProvider"/>).
/// </summary>
public static class AgreementScope
{
    /// <summary>
    /// Ids of the elders covered for <paramref name="medicalOrganizationId"/> on <paramref name="today"/>, as a subquery of
    /// the same EF query as <paramref name="elders"/> (null when <paramref name="elders"/> is not an EF query).
    /// </summary>
    public static IQueryable<long>? CoveredElderIds(IQueryable<Elder> elders, long medicalOrganizationId, DateOnly today)
    {
        var root = Root(elders.Expression);
        if (root is null || elders.Provider is not IAsyncQueryProvider provider) return null;
        var model = root.EntityType.Model;
        if (model.FindEntityType(typeof(InstitutionStay)) is not { } stayType || model.FindEntityType(typeof(Agreement)) is not { } agreementType) return null;
        var stays = provider.CreateQuery<InstitutionStay>(new EntityQueryRootExpression(provider, stayType));
        var agreements = provider.CreateQuery<Agreement>(new EntityQueryRootExpression(provider, agreementType));
        return stays.Where(s => s.DischargedOn == null && agreements.Any(a => a.MedicalOrganizationId == medicalOrganizationId
                && a.CareOrganizationId == s.OrganizationId && a.Status == AgreementStatus.Effective && a.StartOn <= today && a.EndOn >= today))
            .Select(s => s.ElderId);
    }

    /// <summary>
    /// Ids of the elders with an open stay in <paramref name="organizationId"/> (its residents), as a subquery of the same
    /// EF query as <paramref name="elders"/> (null when <paramref name="elders"/> is not an EF query).
    /// </summary>
    public static IQueryable<long>? ResidentElderIds(IQueryable<Elder> elders, long organizationId)
    {
        var root = Root(elders.Expression);
        if (root is null || elders.Provider is not IAsyncQueryProvider provider) return null;
        if (root.EntityType.Model.FindEntityType(typeof(InstitutionStay)) is not { } stayType) return null;
        var stays = provider.CreateQuery<InstitutionStay>(new EntityQueryRootExpression(provider, stayType));
        return stays.Where(s => s.DischargedOn == null && s.OrganizationId == organizationId).Select(s => s.ElderId);
    }

    private static EntityQueryRootExpression? Root(Expression e)
    {
        while (true)
        {
            switch (e)
            {
                case EntityQueryRootExpression r:
                    return r;
                case MethodCallExpression { Arguments.Count: > 0 } m:
                    e = m.Arguments[0];
                    break;
                default:
                    return null;
            }
        }
    }
}
