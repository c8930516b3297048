namespace Yiyang.Modules.Billing;

/// <summary>The routes of billing (/api/billing): one use case per line.</summary>
public static class BillingApi
{
    public static void MapBilling(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/billing").WithTags("Billing").RequireAuthorization(BillingPolicies.Catalog).WithETags();

        ListPrices.Map(g);        // GET  /prices
        CreatePrice.Map(g);       // POST /prices
        UpdatePrice.Map(g);       // PUT  /prices/{id}

        GetServiceFees.Map(g);    // GET  /service-fees
        SetServiceFees.Map(g);    // PUT  /service-fees

        GetStatement.Map(g);      // GET  /statements
        ExportStatement.Map(g);   // GET  /statements/export
        GetIncome.Map(g);         // GET  /income
    }
}
