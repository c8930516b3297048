using System.Text.RegularExpressions;
using Yiyang.Platform.Identifiers;

namespace Yiyang.Modules.Elders;

public sealed record ContactInput(string? Name, string? Relation, string? Phone);

/// <summary>What a client sends to register or edit an elder. Field names are the API's (camelCase).</summary>
public sealed record ElderInput
{
    public string? Name { get; init; }
    public string? IdNumber { get; init; }
    public string? Phone { get; init; }
    public string? TownshipCode { get; init; }
    public string? Address { get; init; }
    public List<ContactInput>? Contacts { get; init; }
    public string? InsuranceType { get; init; }
    public string? HealthCardNo { get; init; }
    public List<string>? Flags { get; init; }
    public long? ResponsibleOrganizationId { get; init; }
    /// <summary>On update: the version the client last read (alternative to If-Match).</summary>
    public int? Version { get; init; }
}

/// <summary>The input after validation and normalization.</summary>
public sealed record ValidElder(
    string Name, IdNumberInfo? Id, string? Phone, string TownshipCode, string? Address,
    IReadOnlyList<ContactInput> Contacts, string? InsuranceType, string? HealthCardNo, RiskFlags Flags,
    long? ResponsibleOrganizationId);

public static partial class ElderValidation
{
    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^0\d{2,3}-?\d{7,8}$")]
    private static partial Regex Landline();

    [GeneratedRegex(@"^[A-Za-z0-9]{1,32}$")]
    private static partial Regex HealthCard();

    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}A-Za-z·•．.\s]{1,50}$")]
    private static partial Regex PersonName();

    public static string? NormalizePhone(string? phone, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var p = phone.Trim().Replace(" ", "");
        if (p.StartsWith("+86", StringComparison.Ordinal)) p = p[3..];
        if (Mobile().IsMatch(p) || Landline().IsMatch(p)) return p;
        error = "电话号码格式不正确：手机号为 11 位数字，座机如 0919-1234567。";
        return null;
    }

    /// <summary>Validates all fields; when <paramref name="idRequired"/> is false a missing ID keeps the stored one.</summary>
    public static ValidElder Validate(ElderInput input, RegionCatalog regions, DateOnly today, bool idRequired)
    {
        var errors = new FieldErrors();
        var name = (input.Name ?? "").Trim();
        if (name.Length == 0) errors.Add("name", "请填写姓名。");
        else if (!PersonName().IsMatch(name)) errors.Add("name", "姓名只能包含汉字、字母和间隔号，最多 50 个字。");

        IdNumberInfo? id = null;
        if (idRequired || !string.IsNullOrWhiteSpace(input.IdNumber))
        {
            id = ChineseIdNumber.TryParse(input.IdNumber, today, out var idError);
            if (id is null) errors.Add("idNumber", idError!);
        }

        var phone = NormalizePhone(input.Phone, out var phoneError);
        if (phoneError is not null) errors.Add("phone", phoneError);

        var township = (input.TownshipCode ?? "").Trim();
        if (township.Length == 0) errors.Add("townshipCode", "请选择所在乡镇（街道）。");
        else if (!regions.IsTownship(township)) errors.Add("townshipCode", "乡镇（街道）代码不存在，请从列表中选择。");

        var address = string.IsNullOrWhiteSpace(input.Address) ? null : input.Address.Trim();
        if (address is { Length: > 200 }) errors.Add("address", "地址最多 200 个字。");

        var contacts = new List<ContactInput>();
        if (input.Contacts is { Count: > 5 }) errors.Add("contacts", "最多登记 5 位联系人。");
        for (var i = 0; i < (input.Contacts?.Count ?? 0); i++)
        {
            var c = input.Contacts![i];
            if (c is null) continue;
            var cName = (c.Name ?? "").Trim();
            var cPhone = NormalizePhone(c.Phone, out var cErr);
            if (cName.Length == 0 && string.IsNullOrWhiteSpace(c.Phone)) continue; // empty row on a form
            if (cName.Length == 0) errors.Add($"contacts[{i}].name", "请填写联系人姓名。");
            else if (cName.Length > 50) errors.Add($"contacts[{i}].name", "联系人姓名最多 50 个字。");
            if (cErr is not null) errors.Add($"contacts[{i}].phone", cErr);
            else if (cPhone is null) errors.Add($"contacts[{i}].phone", "请填写联系人电话。");
            var relation = string.IsNullOrWhiteSpace(c.Relation) ? null : c.Relation.Trim();
            if (relation is { Length: > 20 }) errors.Add($"contacts[{i}].relation", "关系最多 20 个字。");
            contacts.Add(new ContactInput(cName, relation, cPhone));
        }

        var insurance = string.IsNullOrWhiteSpace(input.InsuranceType) ? null : input.InsuranceType.Trim();
        if (insurance is not null && !CodeLists.InsuranceTypes.ContainsKey(insurance))
            errors.Add("insuranceType", "医疗保险类型不在代码表中（01–08、99）。");

        var card = string.IsNullOrWhiteSpace(input.HealthCardNo) ? null : input.HealthCardNo.Trim();
        if (card is not null && !HealthCard().IsMatch(card)) errors.Add("healthCardNo", "居民健康卡号只能是字母和数字，最多 32 位。");

        var flags = RiskFlags.None;
        foreach (var code in input.Flags ?? [])
        {
            if (RiskFlagCatalog.Parse(code ?? "") is { } f) flags |= f;
            else errors.Add("flags", "未知的风险标识，请从列表中选择。");
        }
        if (input.ResponsibleOrganizationId is <= 0) errors.Add("responsibleOrganizationId", "责任机构不存在。");

        errors.ThrowIfAny();
        if (id is not null && id.BirthDate.AddYears(80) <= today) flags |= RiskFlags.OldestOld;
        return new ValidElder(name, id, phone, township, address, contacts, insurance, card, flags, input.ResponsibleOrganizationId);
    }
}
