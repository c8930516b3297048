using Yiyang.Modules.HomeVisits;

namespace Yiyang.Modules.Emergency;

/// <summary>
/// The default alert thresholds of vitals (docs/domain/emergency.md#vital-sign-alert-thresholds): systolic ≥ 180 or
/// &lt; 90, diastolic ≥ 110 mmHg; SpO₂ &lt; 90 %; temperature ≥ 38.5 ℃; glucose ≥ 16.7 or &lt; 3.9 mmol/L; pulse &gt; 120
/// or &lt; 50 /min. They apply to plausible values only: an implausible one is an input error (<see cref="VisitRules"/>,
/// the home-visit ranges), refused before this check.
/// </summary>
public static class VitalThresholds
{
    /// <summary>One value beyond its threshold, with the Chinese text for the incident.</summary>
    public sealed record Breach(string Field, string Text);

    public static IReadOnlyList<Breach> Check(VitalsInput v)
    {
        var list = new List<Breach>();
        if (v.Systolic is { } s && s >= 180) list.Add(new("systolic", $"收缩压 {s} mmHg（≥ 180）"));
        if (v.Systolic is { } s2 && s2 < 90) list.Add(new("systolic", $"收缩压 {s2} mmHg（< 90）"));
        if (v.Diastolic is { } d && d >= 110) list.Add(new("diastolic", $"舒张压 {d} mmHg（≥ 110）"));
        if (v.Spo2 is { } o && o < 90) list.Add(new("spo2", $"血氧 {o}%（< 90%）"));
        if (v.Temperature is { } t && t >= 38.5m) list.Add(new("temperature", $"体温 {t:0.0} ℃（≥ 38.5）"));
        if (v.Glucose is { } g && g >= 16.7m) list.Add(new("glucose", $"血糖 {g:0.0} mmol/L（≥ 16.7）"));
        if (v.Glucose is { } g2 && g2 < 3.9m) list.Add(new("glucose", $"血糖 {g2:0.0} mmol/L（< 3.9）"));
        if (v.Pulse is { } p && p > 120) list.Add(new("pulse", $"脉搏 {p} 次/分（> 120）"));
        if (v.Pulse is { } p2 && p2 < 50) list.Add(new("pulse", $"脉搏 {p2} 次/分（< 50）"));
        return list;
    }
}
