namespace Yiyang.Modules.Elders.Import;

/// <summary>The columns of an import file: Chinese or English headers (case-insensitive) to the keys of <see cref="ElderInput"/>.</summary>
public static class ImportColumns
{
    public static readonly IReadOnlyDictionary<string, string> ByHeader = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["姓名"] = "name",
        ["name"] = "name",
        ["身份证号"] = "idNumber",
        ["身份证号码"] = "idNumber",
        ["idnumber"] = "idNumber",
        ["电话"] = "phone",
        ["联系电话"] = "phone",
        ["phone"] = "phone",
        ["乡镇代码"] = "townshipCode",
        ["乡镇（街道）代码"] = "townshipCode",
        ["townshipcode"] = "townshipCode",
        ["地址"] = "address",
        ["住址"] = "address",
        ["address"] = "address",
        ["医保类型"] = "insuranceType",
        ["insurancetype"] = "insuranceType",
        ["居民健康卡号"] = "healthCardNo",
        ["healthcardno"] = "healthCardNo",
        ["风险标识"] = "flags",
        ["flags"] = "flags",
        ["联系人"] = "contactName",
        ["contactname"] = "contactName",
        ["联系人关系"] = "contactRelation",
        ["contactrelation"] = "contactRelation",
        ["联系人电话"] = "contactPhone",
        ["contactphone"] = "contactPhone",
        ["责任机构信用代码"] = "organizationCreditCode",
        ["organizationcreditcode"] = "organizationCreditCode",
    };
}
