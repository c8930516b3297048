namespace Yiyang.Modules.FamilyDoctor;

/// <summary>Validation of a service package: name, annual fee and its split between payers, and the service items.</summary>
public static class PackageForm
{
    public sealed record Valid(string Name, decimal Fee, decimal Insurance, decimal PublicHealth, decimal Elder,
        List<FamilyDoctorPackageItem> Items, bool Active);

    public static Valid Validate(PackageInput input)
    {
        var errors = new FieldErrors();
        var name = TeamForm.ValidName(input.Name, "服务包名称", errors);
        var fee = Money(input.AnnualFee, "annualFee", "年服务费", errors, required: true);
        var insurance = Money(input.InsuranceFund, "insuranceFund", "医保基金支付", errors);
        var publicHealth = Money(input.PublicHealthFund, "publicHealthFund", "基本公共卫生经费支付", errors);
        var elder = Money(input.ElderPays, "elderPays", "个人自付", errors);
        if (!errors.Any && !ContractRules.SplitAddsUp(fee, insurance, publicHealth, elder))
            errors.Add("elderPays", $"医保基金、公卫经费与个人自付之和（{insurance + publicHealth + elder:0.00} 元）应等于年服务费（{fee:0.00} 元）。");
        var items = Items(input.Items, errors);
        errors.ThrowIfAny();
        return new Valid(name, fee, insurance, publicHealth, elder, items, input.Active ?? true);
    }

    private static List<FamilyDoctorPackageItem> Items(List<PackageItemInput>? input, FieldErrors errors)
    {
        var items = new List<FamilyDoctorPackageItem>();
        if (input is null || input.Count == 0)
        {
            errors.Add("items", "服务包至少要有一个服务项目。");
            return items;
        }
        for (var i = 0; i < input.Count; i++)
        {
            var it = input[i];
            var code = (it.ServiceCode ?? "").Trim();
            var itemName = (it.ServiceName ?? "").Trim();
            if (code.Length == 0 || code.Length > 32) errors.Add($"items[{i}].serviceCode", "请填写服务项目编码（最多 32 位）。");
            else if (items.Any(x => x.ServiceCode == code)) errors.Add($"items[{i}].serviceCode", "服务项目编码重复。");
            if (itemName.Length == 0 || itemName.Length > 50) errors.Add($"items[{i}].serviceName", "请填写服务项目名称（最多 50 个字）。");
            if (it.Quantity is not (>= 1 and <= 366)) errors.Add($"items[{i}].quantity", "次数应为 1–366 之间的整数。");
            var period = it.Period is null ? "year" : ServicePeriods.Parse(it.Period);
            if (period is null) errors.Add($"items[{i}].period", "周期只能是年、季度或月。");
            items.Add(new FamilyDoctorPackageItem { ServiceCode = code, ServiceName = itemName, Quantity = it.Quantity ?? 0, Period = period ?? "year", CountyCode = "" });
        }
        return items;
    }

    private static decimal Money(decimal? value, string field, string label, FieldErrors errors, bool required = false)
    {
        if (value is not { } v)
        {
            if (required) errors.Add(field, $"请填写{label}（元/年）。");
            return 0m;
        }
        if (v < 0 || v > 100_000m) errors.Add(field, $"{label}应在 0–100000 元/年之间。");
        else if (decimal.Round(v, 2) != v) errors.Add(field, $"{label}最多保留两位小数（精确到分）。");
        return v;
    }

    public static void Apply(FamilyDoctorPackage p, Valid v)
    {
        p.Name = v.Name;
        p.AnnualFeeYuan = v.Fee;
        p.InsuranceFundYuan = v.Insurance;
        p.PublicHealthFundYuan = v.PublicHealth;
        p.ElderPaysYuan = v.Elder;
        p.Active = v.Active;
        p.Items.Clear();
        foreach (var it in v.Items)
        {
            it.CountyCode = p.CountyCode;
            p.Items.Add(it);
        }
    }
}
