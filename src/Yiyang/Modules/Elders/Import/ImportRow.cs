namespace Yiyang.Modules.Elders.Import;

/// <summary>
/// One CSV row of an elder import, validated: pure (the same row gives the same outcome in both passes of
/// <see cref="ElderImporter"/>), so it runs on every core. A blank row has neither an elder nor errors.
/// </summary>
public static class ImportRow
{
    public sealed record Outcome(int Line, ValidElder? Elder, long? OrgId, List<ImportRowError>? Errors);

    public static Outcome Validate(int line, string[] fields, int columnCount, Dictionary<string, int> columns,
        Dictionary<string, long> orgIds, bool isStaff, long? staffOrg, RegionCatalog regions, DateOnly today)
    {
        if (fields.All(string.IsNullOrWhiteSpace)) return new Outcome(line, null, null, null);
        if (fields.Length != columnCount)
            return new Outcome(line, null, null, [new ImportRowError(line, "*", $"该行有 {fields.Length} 列，表头有 {columnCount} 列。")]);
        string? F(string key) => columns.TryGetValue(key, out var idx) ? fields[idx] : null;
        var contactName = F("contactName");
        var input = new ElderInput
        {
            Name = F("name"),
            IdNumber = F("idNumber"),
            Phone = F("phone"),
            TownshipCode = F("townshipCode")?.Trim(),
            Address = F("address"),
            InsuranceType = F("insuranceType"),
            HealthCardNo = F("healthCardNo"),
            Flags = (F("flags") ?? "").Split([';', '；', '、', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
            Contacts = string.IsNullOrWhiteSpace(contactName) && string.IsNullOrWhiteSpace(F("contactPhone")) ? []
                : [new ContactInput(contactName, F("contactRelation"), F("contactPhone"))],
        };
        long? orgId = null;
        var orgCode = F("organizationCreditCode")?.Trim().ToUpperInvariant();
        if (!string.IsNullOrEmpty(orgCode))
        {
            if (orgIds.TryGetValue(orgCode, out var oid)) orgId = oid;
            else return new Outcome(line, null, null, [new ImportRowError(line, "organizationCreditCode", "责任机构信用代码未登记。")]);
        }
        if (isStaff)
        {
            if (orgId is not null && orgId != staffOrg)
                return new Outcome(line, null, null, [new ImportRowError(line, "organizationCreditCode", "只能导入本机构负责的服务对象。")]);
            orgId = staffOrg;
        }
        try
        {
            return new Outcome(line, ElderValidation.Validate(input, regions, today, idRequired: true), orgId, null);
        }
        catch (ValidationFailedException e)
        {
            var list = new List<ImportRowError>();
            foreach (var (field, messages) in e.Errors)
                foreach (var m in messages)
                    list.Add(new ImportRowError(line, field.StartsWith("contacts", StringComparison.Ordinal) ? "contact" : field, m));
            return new Outcome(line, null, null, list);
        }
    }
}
