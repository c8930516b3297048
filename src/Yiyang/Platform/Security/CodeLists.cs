namespace Yiyang.Platform.Security;

/// <summary>Coded values used by the registry (docs/domain/elders-and-identifiers.md#insurance-type-codes).</summary>
public static class CodeLists
{
    /// <summary>医疗费用支付方式 (WS 364 CV07.10.005).</summary>
    public static readonly IReadOnlyDictionary<string, string> InsuranceTypes = new Dictionary<string, string>
    {
        ["01"] = "城镇职工基本医疗保险",
        ["02"] = "城镇居民基本医疗保险",
        ["03"] = "新型农村合作医疗",
        ["04"] = "贫困救助",
        ["05"] = "商业医疗保险",
        ["06"] = "全公费",
        ["07"] = "全自费",
        ["08"] = "其他社会保险",
        ["99"] = "其他",
    };

    public static string SexName(Identifiers.Sex sex) => sex switch
    {
        Identifiers.Sex.Male => "男",
        Identifiers.Sex.Female => "女",
        Identifiers.Sex.Unknown => "未知",
        _ => "未说明",
    };
}
