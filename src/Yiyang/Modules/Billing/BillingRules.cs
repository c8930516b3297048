using System.Globalization;

namespace Yiyang.Modules.Billing;

/// <summary>
/// Who a charge line is attributed to. The elder (个人自付), the family-doctor package (家庭医生签约服务包: its fee is
/// already shared by 医保基金 / 基本公卫经费 / the elder at signing, so a covered item is not charged again) or
/// long-term-care insurance (长期护理保险, through <see cref="ILtcPlanCoverage"/>).
/// </summary>
public static class Payers
{
    public const string Elder = "elder";
    public const string FamilyDoctor = "family-doctor";
    public const string Ltc = "ltc";

    /// <summary>Who may pay the 上门服务费 (docs/domain/home-visits-and-billing.md#service-fee-payer).</summary>
    public static readonly IReadOnlyList<string> ServiceFeePayers = [Elder, FamilyDoctor];

    public static string Name(string code) => code switch
    {
        Elder => "个人自付",
        FamilyDoctor => "家庭医生签约服务包",
        Ltc => "长期护理保险",
        _ => code,
    };

    public static string? ParseServiceFeePayer(string? value) => value?.Trim() switch
    {
        Elder or "个人自付" or "个人" => Elder,
        FamilyDoctor or "家庭医生签约服务包" or "签约服务包" or "家庭医生签约" => FamilyDoctor,
        _ => null,
    };
}

public sealed record FeeBandInput(decimal? FromKm, decimal? ToKm, decimal? Fee);

/// <summary>A validated band: from ≤ distance &lt; to; the last band may be open (to = null).</summary>
public sealed record FeeBand(decimal FromKm, decimal? ToKm, decimal Fee)
{
    public string Label => ToKm is { } to
        ? $"{BillingRules.Km(FromKm)}–{BillingRules.Km(to)} 公里"
        : $"{BillingRules.Km(FromKm)} 公里及以上";
}

/// <summary>A charge decision: who pays and how much the elder pays, for one line of list price <see cref="ListPrice"/>.</summary>
public sealed record Attribution(string Payer, decimal ListPrice, decimal PatientAmount, decimal CoveredAmount, string? CoveredBy);

/// <summary>The pure rules of billing: fee bands, quota periods and slots, and the coverage order.</summary>
public static class BillingRules
{
    public const int MaxBands = 20;
    public const decimal MaxKm = 1000m;
    public const decimal MaxFee = 10_000m;
    public const decimal MaxPrice = 100_000m;
    /// <summary>The item code of the 上门服务费 line (reserved: a catalog item cannot use it).</summary>
    public const string ServiceFeeCode = "SERVICE-FEE";
    public const string ServiceFeeName = "上门服务费";

    public static string Km(decimal km) => km.ToString("0.##", CultureInfo.InvariantCulture);

    public static bool HasAtMostTwoDecimals(decimal d) => decimal.Round(d, 2) == d;

    /// <summary>
    /// Validates a set of distance bands: at least one; the first starts at 0 km; each starts where the previous one
    /// ends (contiguous, never overlapping); each ends after it starts; only the last may be open; fees 0–10000 yuan
    /// with at most two decimals. Errors are per field (<c>bands[i].fromKm</c>…), in Chinese.
    /// </summary>
    public static (FieldErrors Errors, List<FeeBand> Bands) ValidateBands(IReadOnlyList<FeeBandInput?>? input)
    {
        var errors = new FieldErrors();
        var bands = new List<FeeBand>();
        if (input is null || input.Count == 0)
        {
            errors.Add("bands", "请至少设置一个距离档（如 0–3 公里）。");
            return (errors, bands);
        }
        if (input.Count > MaxBands) errors.Add("bands", $"距离档最多 {MaxBands} 个。");
        for (var i = 0; i < input.Count; i++)
        {
            var b = input[i];
            var f = $"bands[{i}]";
            var last = i == input.Count - 1;
            var prevTo = i > 0 ? input[i - 1]?.ToKm : null;
            if (b?.FromKm is not { } from)
            {
                errors.Add($"{f}.fromKm", "请填写起始距离（公里）。");
                continue;
            }
            if (from < 0 || from > MaxKm || !HasAtMostTwoDecimals(from))
                errors.Add($"{f}.fromKm", $"起始距离应为 0 至 {MaxKm:0} 公里，最多两位小数。");
            else if (i == 0 && from != 0)
                errors.Add($"{f}.fromKm", "第一档应从 0 公里起。");
            else if (i > 0 && prevTo is { } p && from != p)
                errors.Add($"{f}.fromKm", from < p
                    ? $"与上一档重叠：本档应从上一档的终点 {Km(p)} 公里起。"
                    : $"与上一档之间有空档：本档应从上一档的终点 {Km(p)} 公里起。");
            if (b.ToKm is { } to)
            {
                if (to > MaxKm || !HasAtMostTwoDecimals(to)) errors.Add($"{f}.toKm", $"终点距离应不超过 {MaxKm:0} 公里，最多两位小数。");
                else if (to <= from) errors.Add($"{f}.toKm", "终点距离应大于起始距离。");
            }
            else if (!last)
                errors.Add($"{f}.toKm", "只有最后一档可以不填终点（表示及以上）。");
            if (b.Fee is not { } fee)
                errors.Add($"{f}.fee", "请填写该档的上门服务费（元/次）。");
            else if (fee < 0 || fee > MaxFee || !HasAtMostTwoDecimals(fee))
                errors.Add($"{f}.fee", $"上门服务费应为 0 至 {MaxFee:0} 元，最多两位小数。");
            bands.Add(new FeeBand(from, b.ToKm, b.Fee ?? 0));
        }
        return (errors, bands);
    }

    /// <summary>The band a distance falls in: from ≤ d &lt; to, or the open last band; null when beyond the last bounded band.</summary>
    public static FeeBand? BandFor(IReadOnlyList<FeeBand> bands, decimal distanceKm) =>
        bands.OrderBy(b => b.FromKm).FirstOrDefault(b => distanceKm >= b.FromKm && (b.ToKm is null || distanceKm < b.ToKm));

    /// <summary>How many months one quota period of a package item lasts: year 12, quarter 3, month 1.</summary>
    public static int MonthsPerPeriod(string period) => period switch
    {
        "quarter" => 3,
        "month" => 1,
        _ => 12,
    };

    /// <summary>
    /// The first day of the quota period holding <paramref name="serviceDate"/>: periods run from the contract's start
    /// date (contract year / quarter / month: start + k·months, k ≥ 0), so a contract signed on 15 March has its
    /// yearly quota from 15 March to 14 March. A date before the start belongs to no period (null).
    /// </summary>
    public static DateOnly? PeriodStart(DateOnly contractStart, string period, DateOnly serviceDate)
    {
        if (serviceDate < contractStart) return null;
        var m = MonthsPerPeriod(period);
        var months = (serviceDate.Year - contractStart.Year) * 12 + serviceDate.Month - contractStart.Month;
        var k = Math.Max(0, months / m);
        while (k > 0 && contractStart.AddMonths(k * m) > serviceDate) k--;
        return contractStart.AddMonths(k * m);
    }

    /// <summary>The last day of the quota period starting on <paramref name="periodStart"/> of a contract.</summary>
    public static DateOnly PeriodEnd(DateOnly contractStart, string period, DateOnly periodStart)
    {
        var m = MonthsPerPeriod(period);
        var months = (periodStart.Year - contractStart.Year) * 12 + periodStart.Month - contractStart.Month;
        return contractStart.AddMonths(months + m).AddDays(-1);
    }

    /// <summary>The slot a new use takes after <paramref name="used"/> uses of a quota of <paramref name="quantity"/>: null when none is left.</summary>
    public static int? NextOrdinal(int used, int quantity) => used < quantity && quantity > 0 ? used + 1 : null;

    /// <summary>
    /// The coverage order (docs/domain/home-visits-and-billing.md#coverage-order): an item covered by the family-doctor package (a quota slot was taken)
    /// is ¥0 to the elder and attributed to the package; otherwise one covered by a long-term-care insurance plan is
    /// ¥0 to the elder and attributed to the insurer; otherwise the elder pays the list price.
    /// </summary>
    public static Attribution Attribute(decimal listPrice, string? packageCover, LtcPlanCover? ltcCover)
    {
        if (packageCover is not null) return new Attribution(Payers.FamilyDoctor, listPrice, 0m, listPrice, packageCover);
        if (ltcCover is not null)
            return new Attribution(string.IsNullOrWhiteSpace(ltcCover.Payer) ? Payers.Ltc : ltcCover.Payer.Trim(), listPrice, 0m, listPrice,
                string.IsNullOrWhiteSpace(ltcCover.Description) ? Payers.Name(Payers.Ltc) : ltcCover.Description.Trim());
        return new Attribution(Payers.Elder, listPrice, listPrice, 0m, null);
    }

    /// <summary>Parses a statement month "YYYY-MM".</summary>
    public static DateOnly? ParseMonth(string? month) =>
        DateOnly.TryParseExact((month ?? "").Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static string Yuan(decimal amount) => "¥" + amount.ToString("0.00", CultureInfo.InvariantCulture);
}
