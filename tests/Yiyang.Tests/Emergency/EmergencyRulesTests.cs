using Yiyang.Modules.Emergency;
using Yiyang.Modules.HomeVisits;
using A = Yiyang.Modules.Emergency.IncidentAction;
using K = Yiyang.Modules.Emergency.IncidentKind;
using S = Yiyang.Modules.Emergency.IncidentStatus;

namespace Yiyang.Tests.Emergency;

public sealed class EmergencyRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 8, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    [Theory]
    [InlineData(K.Sos, 1)]
    [InlineData(K.Fall, 1)]
    [InlineData(K.Smoke, 1)]
    [InlineData(K.Gas, 1)]
    [InlineData(K.Vitals, 2)]
    [InlineData(K.BedExit, 2)]
    [InlineData(K.DeviceOffline, 3)]
    [InlineData(K.LowBattery, 3)]
    [InlineData(K.DeviceFault, 3)]
    public void Priority_goes_by_kind_emergencies_first_device_problems_last(K kind, int priority) =>
        Assert.Equal(priority, IncidentRules.Priority(kind));

    [Fact]
    public void A_repeated_alarm_within_the_window_joins_the_open_incident()
    {
        Assert.True(IncidentRules.Joins(S.New, 1, T0, 1, T0.AddMinutes(9), Window));
        Assert.True(IncidentRules.Joins(S.Dispatched, 1, T0, 1, T0.AddMinutes(10), Window));
        Assert.False(IncidentRules.Joins(S.New, 1, T0, 1, T0.AddMinutes(10).AddSeconds(1), Window));
    }

    [Fact]
    public void A_settled_incident_is_never_joined()
    {
        Assert.False(IncidentRules.Joins(S.Resolved, 1, T0, 1, T0.AddSeconds(5), Window));
        Assert.False(IncidentRules.Joins(S.Closed, 1, T0, 1, T0.AddSeconds(5), Window));
    }

    [Fact]
    public void An_emergency_never_hides_in_a_device_problem_and_the_other_way_round()
    {
        Assert.False(IncidentRules.Joins(S.New, 3, T0, 1, T0.AddSeconds(5), Window));
        Assert.False(IncidentRules.Joins(S.New, 1, T0, 3, T0.AddSeconds(5), Window));
        Assert.True(IncidentRules.Joins(S.New, 2, T0, 1, T0.AddSeconds(5), Window));
    }

    [Theory]
    [InlineData(S.New, A.Acknowledge)]
    [InlineData(S.Acknowledged, A.Dispatch)]
    [InlineData(S.Dispatched, A.Dispatch)]
    [InlineData(S.Dispatched, A.ArriveOnScene)]
    [InlineData(S.OnScene, A.Resolve)]
    [InlineData(S.Acknowledged, A.Resolve)]
    [InlineData(S.Dispatched, A.Resolve)]
    [InlineData(S.Resolved, A.Close)]
    public void The_operator_moves_an_incident_along(S from, A action) => Assert.Null(IncidentRules.Refusal(from, action));

    [Theory]
    [InlineData(S.New, A.Dispatch, "该事件当前状态为“新事件”，不能派单。")]
    [InlineData(S.New, A.Resolve, "该事件当前状态为“新事件”，不能登记处置结果。")]
    [InlineData(S.Acknowledged, A.ArriveOnScene, "该事件当前状态为“已受理”，不能登记到场。")]
    [InlineData(S.OnScene, A.Close, "该事件当前状态为“已到场”，不能关闭。")]
    [InlineData(S.Closed, A.Acknowledge, "该事件当前状态为“已关闭”，不能受理。")]
    [InlineData(S.Resolved, A.Dispatch, "该事件当前状态为“已处置”，不能派单。")]
    public void Illegal_steps_are_refused_in_Chinese(S from, A action, string message) => Assert.Equal(message, IncidentRules.Refusal(from, action));

    [Fact]
    public void Every_step_leads_to_its_status()
    {
        Assert.Equal(S.Acknowledged, IncidentRules.Next(A.Acknowledge));
        Assert.Equal(S.Dispatched, IncidentRules.Next(A.Dispatch));
        Assert.Equal(S.OnScene, IncidentRules.Next(A.ArriveOnScene));
        Assert.Equal(S.Resolved, IncidentRules.Next(A.Resolve));
        Assert.Equal(S.Closed, IncidentRules.Next(A.Close));
        Assert.Equal(42, IncidentRules.AnswerSeconds(T0, T0.AddSeconds(42.9)));
        Assert.Null(IncidentRules.AnswerSeconds(T0, null));
    }

    private static VitalsInput V(int? sys = null, int? dia = null, int? pulse = null, decimal? temp = null, decimal? glu = null, int? spo2 = null) =>
        new(sys, dia, pulse, temp, glu, spo2, null);

    [Theory]
    [InlineData(180, 100, "systolic")]
    [InlineData(89, 60, "systolic")]
    [InlineData(150, 110, "diastolic")]
    public void Blood_pressure_beyond_the_thresholds_alerts(int sys, int dia, string field) =>
        Assert.Equal(field, Assert.Single(VitalThresholds.Check(V(sys, dia))).Field);

    [Fact]
    public void Values_just_inside_the_thresholds_do_not_alert()
    {
        Assert.Empty(VitalThresholds.Check(V(179, 109, 120, 38.4m, 16.6m, 90)));
        Assert.Empty(VitalThresholds.Check(V(90, 60, 50, 36.5m, 3.9m, 100)));
    }

    [Fact]
    public void Each_vital_has_its_threshold()
    {
        Assert.Equal("spo2", Assert.Single(VitalThresholds.Check(V(spo2: 89))).Field);
        Assert.Equal("temperature", Assert.Single(VitalThresholds.Check(V(temp: 38.5m))).Field);
        Assert.Equal("glucose", Assert.Single(VitalThresholds.Check(V(glu: 16.7m))).Field);
        Assert.Equal("glucose", Assert.Single(VitalThresholds.Check(V(glu: 3.8m))).Field);
        Assert.Equal("pulse", Assert.Single(VitalThresholds.Check(V(pulse: 121))).Field);
        Assert.Equal("pulse", Assert.Single(VitalThresholds.Check(V(pulse: 49))).Field);
        Assert.Equal(2, VitalThresholds.Check(V(200, 120)).Count);
        Assert.Contains("收缩压 200 mmHg", VitalThresholds.Check(V(200, 100))[0].Text);
    }

    [Fact]
    public void An_elders_own_thresholds_replace_the_defaults()
    {
        var own = ThresholdSet.Default with { SystolicHigh = 160, Spo2Low = 88 };
        Assert.Equal("systolic", Assert.Single(VitalThresholds.Check(V(165, 90), own)).Field);
        Assert.Empty(VitalThresholds.Check(V(165, 90)));
        Assert.Empty(VitalThresholds.Check(V(spo2: 89), own));
        Assert.Contains("（≥ 160）", VitalThresholds.Check(V(165, 90), own)[0].Text);
    }

    [Fact]
    public void Thresholds_must_be_plausible_and_each_low_below_its_high()
    {
        Assert.False(VitalThresholds.Validate(ThresholdSet.Default).Any);
        Assert.True(VitalThresholds.Validate(ThresholdSet.Default with { SystolicHigh = 300 }).Has("systolicHigh"));
        Assert.True(VitalThresholds.Validate(ThresholdSet.Default with { PulseLow = 130 }).Has("pulseLow"));
        Assert.True(VitalThresholds.Validate(ThresholdSet.Default with { GlucoseLow = 3.85m }).Has("glucoseLow"));
    }

    [Fact]
    public void A_device_is_offline_only_after_its_interval_and_the_grace()
    {
        var grace = TimeSpan.FromSeconds(60);
        Assert.False(DeviceRules.IsOffline(T0, 900, grace, T0.AddSeconds(960)));
        Assert.True(DeviceRules.IsOffline(T0, 900, grace, T0.AddSeconds(961)));
        Assert.Equal(T0.AddSeconds(960), DeviceRules.OfflineAfter(T0, 900, grace));
    }

    [Fact]
    public void A_secret_is_random_well_formed_and_matches_only_its_hash()
    {
        var a = DeviceSecrets.New();
        var b = DeviceSecrets.New();
        Assert.NotEqual(a, b);
        Assert.True(DeviceSecrets.LooksValid(a));
        Assert.Equal(32, DeviceSecrets.Hash(a).Length);
        Assert.True(DeviceSecrets.Matches(a, DeviceSecrets.Hash(a)));
        Assert.False(DeviceSecrets.Matches(b, DeviceSecrets.Hash(a)));
        Assert.False(DeviceSecrets.LooksValid(a[..^1]));
        Assert.False(DeviceSecrets.LooksValid("yyd_" + new string('!', 43)));
    }
}
