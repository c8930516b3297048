using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Billing;

namespace Yiyang.Modules.Billing.Pages;

/// <summary>收费: the month's statement per payer and per elder, the institution's elder-care income (单独核算), the .xlsx export.</summary>
[Authorize(Policy = BillingPolicies.Read)]
public sealed class IndexModel(
    BillingAccess access, GetStatement getStatement, GetIncome getIncome, ListPrices listPrices, GetServiceFees getServiceFees, TimeProvider clock)
    : FormPageModel
{
    [FromQuery] public string? Month { get; set; }
    [FromQuery] public long? OrganizationId { get; set; }
    [FromQuery] public string? Payer { get; set; }
    public IReadOnlyList<(long Id, string Name)> Organizations { get; private set; } = [];
    public Statement? Statement { get; private set; }
    public IReadOnlyList<IncomeRow> Income { get; private set; } = [];
    public IReadOnlyList<PriceItemDto> Prices { get; private set; } = [];
    public ServiceFeeDto? Fees { get; private set; }

    public static readonly IReadOnlyList<(string Code, string Name)> PayerChoices =
        [(Payers.Elder, Payers.Name(Payers.Elder)), (Payers.FamilyDoctor, Payers.Name(Payers.FamilyDoctor)), (Payers.Ltc, Payers.Name(Payers.Ltc))];

    public string ExportUrl => $"/api/billing/statements/export?month={Uri.EscapeDataString(Month ?? "")}" +
        (OrganizationId is { } o ? $"&organizationId={o}" : "") + (string.IsNullOrWhiteSpace(Payer) ? "" : $"&payer={Uri.EscapeDataString(Payer)}");

    public async Task OnGetAsync(CancellationToken ct)
    {
        Month ??= clock.ChinaToday().ToString("yyyy-MM");
        Organizations = await access.OrganizationChoicesAsync(ct);
        if (Organizations.Count == 1) OrganizationId ??= Organizations[0].Id;
        try
        {
            Statement = await getStatement.HandleAsync(new StatementQuery(Month, OrganizationId, null, string.IsNullOrWhiteSpace(Payer) ? null : Payer), ct);
            Income = await getIncome.HandleAsync(Month, OrganizationId, ct);
            if (OrganizationId is { } org)
            {
                Prices = await listPrices.HandleAsync(org, true, ct);
                Fees = await getServiceFees.HandleAsync(org, ct);
            }
        }
        catch (AppException e) { Show(e); }
    }
}
