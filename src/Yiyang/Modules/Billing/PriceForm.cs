namespace Yiyang.Modules.Billing;

/// <summary>A price catalog item as the API shows it, and the validation of its input.</summary>
public static class PriceForm
{
    public static PriceItemDto ToDto(BillingPriceItem p) =>
        new(p.Id, p.OrganizationId, p.Code, p.Name, p.Unit, p.PriceYuan, "元/" + p.Unit, p.Active, p.Version);

    public static (string Code, string Name, string Unit, decimal Price) Validate(PriceItemInput input, bool requireCode)
    {
        var errors = new FieldErrors();
        var code = (input.Code ?? "").Trim();
        if (requireCode)
        {
            if (code.Length is 0 or > 32 || code.Any(c => c < 0x21 || c > 0x7e)) errors.Add("code", "请填写项目编码（最多 32 位字母、数字或符号）。");
            else if (string.Equals(code, BillingRules.ServiceFeeCode, StringComparison.OrdinalIgnoreCase))
                errors.Add("code", $"{BillingRules.ServiceFeeCode} 是上门服务费的保留编码，请换一个编码。");
        }
        var name = (input.Name ?? "").Trim();
        if (name.Length is 0 or > 50) errors.Add("name", "请填写项目名称（最多 50 个字）。");
        var unit = string.IsNullOrWhiteSpace(input.Unit) ? "次" : input.Unit.Trim();
        if (unit.Length > 16) errors.Add("unit", "计价单位最多 16 个字（如：次、项、小时）。");
        if (input.Price is not { } price) errors.Add("price", "请填写价格（元）。");
        else if (price < 0 || price > BillingRules.MaxPrice || !BillingRules.HasAtMostTwoDecimals(price))
            errors.Add("price", $"价格应为 0 至 {BillingRules.MaxPrice:0} 元，最多两位小数（单位：元）。");
        errors.ThrowIfAny();
        return (code, name, unit, input.Price!.Value);
    }
}
