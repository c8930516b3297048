namespace Yiyang.Modules.Claims;

/// <summary>A claim as an .xlsx workbook: 结算明细 (one row per billed elder, then the total) and 未纳入 (excluded elders and why).</summary>
public static class ClaimWorkbook
{
    public const string ContentType = Platform.Web.Xlsx.ContentType;

    public static byte[] Build(ClaimDto c)
    {
        var lines = new List<object?[]>
        {
            new object?[] { $"{c.OrganizationName} {c.Month} {c.PayerClassName}床日结算单（{c.StatusName}，单位：元）" },
            new object?[] { "老人编号", "老人", "床日数", "评估工具", "失能等级", "日标准（元）", "金额（元）" },
        };
        lines.AddRange(c.Lines.Select(l => new object?[] { l.ElderId, l.ElderName, l.BedDays, l.InstrumentCode, l.GradeName, l.DailyRate, l.Amount }));
        lines.Add(["合计", null, c.BedDays, null, null, null, c.Amount]);
        var excluded = new List<object?[]> { new object?[] { "老人编号", "老人", "床日数", "未纳入原因" } };
        excluded.AddRange(c.Excluded.Select(l => new object?[] { l.ElderId, l.ElderName, l.BedDays, l.ExcludedReason }));
        return Platform.Web.Xlsx.Build(("结算明细", lines), ("未纳入", excluded));
    }
}
