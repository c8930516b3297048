using System.Globalization;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Assessments;
using Yiyang.Modules.Assessments.Instruments;
using Yiyang.Modules.Elders;
using Yiyang.Modules.FamilyDoctor;

namespace Yiyang.Modules.HealthManagement;

/// <summary>
/// 老年人健康管理 (docs/domain/health-management.md): the yearly record, the TCM record, chronic-disease follow-ups and
/// vaccinations. Every read and write is limited to the elders in the user's scope (404 otherwise); every change and
/// every read of a person's record is audited; changes go to the elder's timeline in the same transaction.
/// This class holds what the use cases share: scope, dates and ages, the timeline, statuses.
/// </summary>
public sealed class HealthManagementAccess(
    YiyangDb db, CurrentUser user, InstrumentCatalog catalog, TimeProvider clock, IOptions<HealthManagementOptions> options)
{
    public const string Module = "healthmgmt";

    private HealthCheckForm? _form;

    /// <summary>The yearly record's fields, with the self-care items of the <c>phs-selfcare</c> definition.</summary>
    public HealthCheckForm Form => _form ??= new HealthCheckForm(catalog.Get(PhsSelfCareScorer.Code));

    public DateOnly Today => clock.ChinaToday();

    public string Actor => user.IsAuthenticated ? user.UserName : "system";

    public bool CanWrite => user.Can(HealthManagementPolicies.Write);

    public void RequireWriter() => user.Demand(HealthManagementPolicies.Write);

    public async Task<Elder> ScopedElderAsync(long? elderId, CancellationToken ct, bool forWrite = false)
    {
        if (elderId is not { } id) throw ValidationFailedException.For("elderId", "请选择老年人。");
        return await ElderScope.Apply(db.Elders.AsNoTracking(), user, forWrite).FirstOrDefaultAsync(e => e.Id == id, ct)
               ?? throw new NotFoundException("未找到该老年人，或您无权查看。");
    }

    /// <summary>The name, township and birth date of an elder in scope (404 otherwise), for pages.</summary>
    public async Task<(string Name, string TownshipCode, DateOnly BirthDate)> ElderAsync(long elderId, CancellationToken ct)
    {
        var e = await ScopedElderAsync(elderId, ct);
        return (e.Name, e.TownshipCode, e.BirthDate);
    }

    public void CheckDate(FieldErrors errors, string field, DateOnly? day, string label)
    {
        if (day is not { } d) errors.Add(field, $"请填写{label}。");
        else if (d > Today) errors.Add(field, $"{label}不能晚于今天。");
        else if (d < new DateOnly(2000, 1, 1)) errors.Add(field, $"{label}不正确。");
    }

    /// <summary>Health management serves residents aged 65+ (docs/domain/health-management.md#who-is-served: reaching 65 during the year counts).</summary>
    public void CheckAge(FieldErrors errors, Elder elder, DateOnly? on)
    {
        if (on is not { } d) return;
        var o = options.Value;
        if (!ContractRules.CountsAs65Plus(elder.BirthDate, d.Year, o.ManagementAge, o.CountAgeReachedDuringYear))
            errors.Add("elderId", $"老年人健康管理的服务对象为当年年满 {o.ManagementAge} 周岁及以上的居民。");
    }

    /// <summary>A year of the lists: default this year, from 2000 to this year.</summary>
    public int Year(int? year)
    {
        var y = year ?? Today.Year;
        if (y < 2000 || y > Today.Year) throw ValidationFailedException.For("year", $"年份应在 2000–{Today.Year} 之间。");
        return y;
    }

    public TimelineEvent Event(long elderId, string kind, string summary) =>
        TimelineEvent.Create(elderId, clock.GetUtcNow(), kind, Module, summary, Actor);

    public static string StatusCode(RecordStatus s) => s == RecordStatus.Signed ? "signed" : "draft";

    public static string StatusName(RecordStatus s) => s == RecordStatus.Signed ? "已签署" : "草稿";

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
