using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Billing;

namespace Yiyang.Modules.Billing.Pages;

/// <summary>
/// 收费目录与上门服务费: an institution admin edits the price catalog (<c>/api/billing/prices</c>) and the distance bands
/// of the 上门服务费 (<c>/api/billing/service-fees</c>) of their institution; the platform admin names the institution.
/// </summary>
[Authorize(Policy = BillingPolicies.Write)]
public sealed class PricesModel(
    BillingAccess access, ListPrices listPrices, CreatePrice createPrice, UpdatePrice updatePrice, GetServiceFees getServiceFees,
    SetServiceFees setServiceFees) : FormPageModel
{
    public const int BandRows = 5;

    public sealed class BandRow
    {
        public string? FromKm { get; set; }
        public string? ToKm { get; set; }
        public string? Fee { get; set; }
    }

    [FromQuery] public long? OrganizationId { get; set; }
    [FromQuery] public long? Edit { get; set; }

    // price form
    [BindProperty] public long? ItemId { get; set; }
    [BindProperty] public int? ItemVersion { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Unit { get; set; }
    [BindProperty] public string? Price { get; set; }
    /// <summary>An unticked box posts nothing: false on POST; a new item's form starts ticked.</summary>
    [BindProperty] public bool Active { get; set; }

    // fee form
    [BindProperty] public string? Payer { get; set; }
    [BindProperty] public int? FeeVersion { get; set; }
    [BindProperty] public List<BandRow> Bands { get; set; } = [];

    public IReadOnlyList<PriceItemDto> Items { get; private set; } = [];
    public ServiceFeeDto? Fees { get; private set; }
    public string? Form { get; private set; }
    public IReadOnlyList<(long Id, string Name)> Organizations { get; private set; } = [];

    /// <summary>Element id of a field ("bands[1].fromKm" → "bands-1-fromKm").</summary>
    public static string IdFor(string field) => field.Replace("[", "-").Replace("].", "-").Replace("]", "");

    private string Query => OrganizationId is { } o ? $"?organizationId={o}" : "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Active = true;
        if (!await LoadAsync(ct)) return Page();
        if (Edit is { } id && Items.FirstOrDefault(i => i.Id == id) is { } item)
        {
            (ItemId, ItemVersion, Code, Name, Unit, Price, Active) = (item.Id, item.Version, item.Code, item.Name, item.Unit,
                item.Price.ToString("0.00", CultureInfo.InvariantCulture), item.Active);
        }
        FillBands();
        return Page();
    }

    public async Task<IActionResult> OnPostPriceAsync(CancellationToken ct)
    {
        Form = "price";
        decimal? price = null;
        if (!string.IsNullOrWhiteSpace(Price))
        {
            if (decimal.TryParse(Price.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var p)) price = p;
            else FieldErrors["price"] = "价格请填写数字（元），例如 25 或 12.50。";
        }
        else FieldErrors["price"] = "请填写价格（元）。";
        if (FieldErrors.Count == 0)
        {
            try
            {
                var input = new PriceItemInput { OrganizationId = OrganizationId, Code = Code, Name = Name, Unit = Unit, Price = price, Active = Active };
                if (ItemId is { } id) await updatePrice.HandleAsync(id, input with { Version = ItemVersion }, null, ct);
                else await createPrice.HandleAsync(input, ct);
                TempData["Message"] = ItemId is null ? "已新增收费项目。" : "已保存收费项目。";
                return Redirect("/Billing/Prices" + Query);
            }
            catch (AppException e) { Show(e); }
        }
        else FormError = "提交的信息有误，请按红色提示修改后再提交。";
        await LoadAsync(ct);
        FillBands();
        return Page();
    }

    public async Task<IActionResult> OnPostFeesAsync(CancellationToken ct)
    {
        Form = "fees";
        while (Bands.Count > 0 && Blank(Bands[^1])) Bands.RemoveAt(Bands.Count - 1);
        var inputs = new List<FeeBandInput?>();
        for (var i = 0; i < Bands.Count; i++)
        {
            var b = Bands[i];
            inputs.Add(new FeeBandInput(Number(b.FromKm, $"bands[{i}].fromKm", "起始距离"), Number(b.ToKm, $"bands[{i}].toKm", "结束距离"),
                Number(b.Fee, $"bands[{i}].fee", "费用")));
        }
        if (FieldErrors.Count == 0)
        {
            try
            {
                await setServiceFees.HandleAsync(new ServiceFeeInput { OrganizationId = OrganizationId, Payer = Payer, Bands = inputs, Version = FeeVersion }, null, ct);
                TempData["Message"] = "已保存上门服务费。";
                return Redirect("/Billing/Prices" + Query);
            }
            catch (AppException e) { Show(e); }
        }
        else FormError = "提交的信息有误，请按红色提示修改后再提交。";
        await LoadAsync(ct);
        while (Bands.Count < BandRows) Bands.Add(new BandRow());
        return Page();
    }

    private static bool Blank(BandRow b) => string.IsNullOrWhiteSpace(b.FromKm) && string.IsNullOrWhiteSpace(b.ToKm) && string.IsNullOrWhiteSpace(b.Fee);

    private decimal? Number(string? text, string field, string label)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d)) return d;
        FieldErrors[field] = $"{label}请填写数字。";
        return null;
    }

    private void FillBands()
    {
        if (Fees is { } f)
        {
            Payer = f.Payer;
            FeeVersion = f.Version;
            Bands = f.Bands.Select(b => new BandRow
            {
                FromKm = b.FromKm.ToString("0.##", CultureInfo.InvariantCulture),
                ToKm = b.ToKm?.ToString("0.##", CultureInfo.InvariantCulture),
                Fee = b.Fee.ToString("0.00", CultureInfo.InvariantCulture),
            }).ToList();
        }
        while (Bands.Count < BandRows) Bands.Add(new BandRow());
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Organizations = await access.OrganizationChoicesAsync(ct);
        try
        {
            Items = await listPrices.HandleAsync(OrganizationId, false, ct);
            Fees = await getServiceFees.HandleAsync(OrganizationId, ct);
            return true;
        }
        catch (ValidationFailedException e) when (e.Errors.ContainsKey("organizationId"))
        {
            FieldErrors["organizationId"] = string.Join(" ", e.Errors["organizationId"]);
            return false;
        }
        catch (NotFoundException e)
        {
            FieldErrors["organizationId"] = e.Message;
            return false;
        }
    }
}
