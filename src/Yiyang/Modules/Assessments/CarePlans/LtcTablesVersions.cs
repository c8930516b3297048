using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>The versions of the 长护险 2021 tables: the one in force, the history, and who may edit them.</summary>
public sealed class LtcTablesVersions(YiyangDb db, CurrentUser user, IOptions<AssessmentOptions> options)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Regulators of the insurance bureau edit the tables.</summary>
    public bool MayEdit => user.Can(AssessmentPolicies.LtcTablesManage) && user.Bureau == Bureaus.Insurance;

    public LtcTablesDto Default => new(0, LtcTablesData.From(options.Value.Ltc2021), "默认值（配置 Assessments:Ltc2021）", null, null, true);

    public static LtcTablesDto ToDto(LtcTablesVersion row) =>
        new(row.TablesVersion, JsonSerializer.Deserialize<LtcTablesData>(row.TablesJson, Json)!, row.Note, row.CreatedBy, row.CreatedAt, false);

    public async Task<LtcTablesDto> CurrentAsync(CancellationToken ct)
    {
        var row = await db.Set<LtcTablesVersion>().AsNoTracking().OrderByDescending(v => v.TablesVersion).FirstOrDefaultAsync(ct);
        return row is null ? Default : ToDto(row);
    }
}
