using Yiyang.Modules.Emergency;
using Yiyang.Modules.FamilyDoctor;
using Yiyang.Modules.HomeVisits;

namespace Yiyang.Tests.Inbox;

public sealed class VitalAlertRulesTests
{
    private static VitalsInput Vitals(int? sbp = null, int? dbp = null, int? pulse = null, decimal? t = null, decimal? glucose = null, int? spo2 = null) =>
        new(sbp, dbp, pulse, t, glucose, spo2, null);

    [Fact]
    public void Each_default_threshold_flags_its_own_field_and_only_that_field()
    {
        Assert.Equal(["systolic"], VitalThresholds.Check(Vitals(sbp: 185, dbp: 95)).Select(b => b.Field));
        Assert.Equal(["diastolic"], VitalThresholds.Check(Vitals(sbp: 170, dbp: 110)).Select(b => b.Field));
        Assert.Equal(["spo2"], VitalThresholds.Check(Vitals(spo2: 89)).Select(b => b.Field));
        Assert.Equal(["temperature"], VitalThresholds.Check(Vitals(t: 38.5m)).Select(b => b.Field));
        Assert.Equal(["glucose"], VitalThresholds.Check(Vitals(glucose: 3.8m)).Select(b => b.Field));
        Assert.Equal(["pulse"], VitalThresholds.Check(Vitals(pulse: 121)).Select(b => b.Field));
        Assert.Empty(VitalThresholds.Check(Vitals(sbp: 179, dbp: 109, pulse: 120, t: 38.4m, glucose: 16.6m, spo2: 90)));
    }

    [Fact]
    public void An_elders_own_thresholds_replace_the_defaults()
    {
        var own = ThresholdSet.Default with { SystolicHigh = 160 };
        Assert.Equal(["systolic"], VitalThresholds.Check(Vitals(sbp: 165, dbp: 90), own).Select(b => b.Field));
        Assert.Empty(VitalThresholds.Check(Vitals(sbp: 165, dbp: 90)));
    }

    [Fact]
    public void The_contract_teams_doctors_with_an_account_are_told_the_leader_first()
    {
        var team = new[]
        {
            new TeamDoctorCandidate("general-practitioner", false, "dr-b"),
            new TeamDoctorCandidate("nurse", false, "nurse-a"),
            new TeamDoctorCandidate("general-practitioner", true, "dr-a"),
            new TeamDoctorCandidate("specialist", false, null),
        };
        Assert.Equal(["dr-a", "dr-b"], ResponsibleDoctorRules.Pick(team, ["org-doctor"]));
    }

    [Fact]
    public void Without_a_team_doctor_with_an_account_the_organizations_doctors_are_told()
    {
        var team = new[] { new TeamDoctorCandidate("general-practitioner", true, null), new TeamDoctorCandidate("nurse", false, "nurse-a") };
        Assert.Equal(["a-doctor", "b-doctor"], ResponsibleDoctorRules.Pick(team, ["b-doctor", "a-doctor", "b-doctor"]));
        Assert.Empty(ResponsibleDoctorRules.Pick([], []));
    }

    [Fact]
    public void A_contract_is_in_force_only_while_active_and_within_its_term()
    {
        var start = new DateOnly(2026, 1, 1);
        var end = new DateOnly(2026, 12, 31);
        Assert.True(ResponsibleDoctorRules.InForce(ContractStatus.Active, start, end, new DateOnly(2026, 12, 31)));
        Assert.False(ResponsibleDoctorRules.InForce(ContractStatus.Active, start, end, new DateOnly(2027, 1, 1)));
        Assert.False(ResponsibleDoctorRules.InForce(ContractStatus.Terminated, start, end, new DateOnly(2026, 6, 1)));
    }
}
