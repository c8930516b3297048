using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Supervision.Pages;

/// <summary>
/// 工作日历 (the platform admin): the years with a holiday calendar, one year's holidays and make-up working days edited
/// as lines "YYYY-MM-DD 名称", and a working-day calculator to check the result.
/// </summary>
[Authorize(Policy = SupervisionPolicies.ManageCalendar)]
public sealed class WorkingDaysModel(ListCalendars list, GetCalendar get, WorkingDays workingDays, TimeProvider clock) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty] public string? Source { get; set; }
    [BindProperty] public string? HolidayLines { get; set; }
    [BindProperty] public string? MakeUpLines { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public int? Days { get; set; }

    public IReadOnlyList<CalendarSummaryDto> Calendars { get; private set; } = [];
    public bool Exists { get; private set; }
    public DateOnly? Result { get; private set; }
    public string? CalculationError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Year ??= clock.ChinaToday().Year;
        await LoadAsync(ct, fillForm: true);
        if (From is not null || Days is not null) await CalculateAsync(ct);
    }

    public Task<IActionResult> OnPostSaveAsync([FromServices] SaveCalendar save, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var holidays = Parse(HolidayLines, "holidays");
            var makeUps = Parse(MakeUpLines, "makeUpDays");
            var (c, _) = await save.HandleAsync(Year ?? 0, new CalendarInput(Source, holidays, makeUps, Version), null, ct);
            TempData["Message"] = $"已保存 {c.Year} 年的节假日安排：节假日 {c.Holidays.Count} 天，调休上班日 {c.MakeUpDays.Count} 天。";
            return Redirect($"/Supervision/WorkingDays?year={c.Year}");
        }, () => LoadAsync(ct, fillForm: false), "save");

    private async Task CalculateAsync(CancellationToken ct)
    {
        if (From is null || Days is not (>= 0 and <= WorkingDayRules.MaxDays))
        {
            CalculationError = $"请填写起算日期和 0–{WorkingDayRules.MaxDays} 个工作日。";
            return;
        }
        try
        {
            Result = await workingDays.AddWorkingDaysAsync(From.Value, Days.Value, ct);
        }
        catch (BusinessRuleException e)
        {
            CalculationError = e.Message;
        }
    }

    private async Task LoadAsync(CancellationToken ct, bool fillForm)
    {
        Calendars = await list.HandleAsync(ct);
        var year = Year ?? 0;
        var c = year is >= 2000 and <= 2100 ? await get.FindAsync(year, ct) : null;
        Exists = c is not null;
        if (!fillForm) return;
        Source = c?.Source;
        Version = c?.Version;
        HolidayLines = Lines(c?.Holidays ?? []);
        MakeUpLines = Lines(c?.MakeUpDays ?? []);
    }

    private static string Lines(IEnumerable<CalendarDayDto> days) =>
        string.Join("\n", days.Select(d => $"{d.Date:yyyy-MM-dd} {d.Name}"));

    /// <summary>Lines "YYYY-MM-DD 名称"; a line that is not one is a field error.</summary>
    private static List<CalendarDayInput?> Parse(string? text, string field)
    {
        var list = new List<CalendarDayInput?>();
        var lines = (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Split([' ', '\t', '　'], 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (!DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw ValidationFailedException.For(field, $"第 {i + 1} 行应为“YYYY-MM-DD 名称”，如“2026-10-01 国庆节”。");
            list.Add(new CalendarDayInput(date, parts.Length > 1 ? parts[1] : null));
        }
        return list;
    }
}
