using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Emergency.Pages;

/// <summary>体征预警阈值: the responsible doctor sets an elder's own thresholds (the defaults until then).</summary>
[Authorize(Policy = EmergencyPolicies.SetThresholds)]
public sealed class ThresholdsModel(GetVitalThresholds get) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public long? ElderId { get; set; }
    [BindProperty] public ThresholdsForm Form { get; set; } = new();
    public ThresholdsDto? Current { get; private set; }

    /// <summary>The fields of the form, named as in the API.</summary>
    public sealed class ThresholdsForm
    {
        public int? SystolicHigh { get; set; }
        public int? SystolicLow { get; set; }
        public int? DiastolicHigh { get; set; }
        public int? Spo2Low { get; set; }
        public decimal? TemperatureHigh { get; set; }
        public decimal? GlucoseHigh { get; set; }
        public decimal? GlucoseLow { get; set; }
        public int? PulseHigh { get; set; }
        public int? PulseLow { get; set; }
        public int? Version { get; set; }
    }

    public static IReadOnlyList<(string Field, string Label, string Unit)> Fields { get; } =
    [
        ("systolicHigh", "收缩压 ≥", "mmHg"), ("systolicLow", "收缩压 <", "mmHg"), ("diastolicHigh", "舒张压 ≥", "mmHg"), ("spo2Low", "血氧 <", "%"),
        ("temperatureHigh", "体温 ≥", "℃"), ("glucoseHigh", "血糖 ≥", "mmol/L"), ("glucoseLow", "血糖 <", "mmol/L"), ("pulseHigh", "脉搏 >", "次/分"),
        ("pulseLow", "脉搏 <", "次/分"),
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (ElderId is null) return Page();
        try
        {
            await LoadAsync(ct, fill: true);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }

    public Task<IActionResult> OnPostAsync([FromServices] SetVitalThresholds set, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var unreadable = ModelState.Where(kv => kv.Key.StartsWith("Form.", StringComparison.Ordinal) && kv.Value is { Errors.Count: > 0 })
                .Select(kv => char.ToLowerInvariant(kv.Key[5]) + kv.Key[6..]).ToList();
            if (unreadable.Count > 0)
                throw new ValidationFailedException(unreadable.ToDictionary(k => k, _ => new[] { "请填写数字（留空则取默认值）。" }));
            var f = Form;
            await set.HandleAsync(ElderId ?? 0, new ThresholdsInput(f.SystolicHigh, f.SystolicLow, f.DiastolicHigh, f.Spo2Low, f.TemperatureHigh, f.GlucoseHigh,
                f.GlucoseLow, f.PulseHigh, f.PulseLow, f.Version), null, ct);
            TempData["Message"] = "预警阈值已保存，之后收到的测量数据按此判断。";
            return Redirect($"/Emergency/Thresholds?elderId={ElderId}");
        }, () => LoadAsync(ct, fill: false));

    /// <summary>The value of a field as shown in the form.</summary>
    public string? Value(string field) => field switch
    {
        "systolicHigh" => Form.SystolicHigh?.ToString(),
        "systolicLow" => Form.SystolicLow?.ToString(),
        "diastolicHigh" => Form.DiastolicHigh?.ToString(),
        "spo2Low" => Form.Spo2Low?.ToString(),
        "temperatureHigh" => Form.TemperatureHigh?.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
        "glucoseHigh" => Form.GlucoseHigh?.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
        "glucoseLow" => Form.GlucoseLow?.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
        "pulseHigh" => Form.PulseHigh?.ToString(),
        _ => Form.PulseLow?.ToString(),
    };

    private async Task LoadAsync(CancellationToken ct, bool fill)
    {
        Current = await get.HandleAsync(ElderId ?? 0, ct);
        if (!fill) return;
        var c = Current;
        Form = new ThresholdsForm
        {
            SystolicHigh = c.SystolicHigh,
            SystolicLow = c.SystolicLow,
            DiastolicHigh = c.DiastolicHigh,
            Spo2Low = c.Spo2Low,
            TemperatureHigh = c.TemperatureHigh,
            GlucoseHigh = c.GlucoseHigh,
            GlucoseLow = c.GlucoseLow,
            PulseHigh = c.PulseHigh,
            PulseLow = c.PulseLow,
            Version = c.Version,
        };
    }
}
