using Yiyang.Modules.Emergency;
using Yiyang.Platform.Errors;
using R = Yiyang.Modules.Emergency.CallReason;

namespace Yiyang.Tests.Emergency;

public sealed class TriageRulesTests
{
    private static Dictionary<string, string> All(R reason, string answer) => TriageScripts.Script(reason).ToDictionary(q => q.Code, _ => answer);

    [Theory]
    [InlineData(R.ChestPain)]
    [InlineData(R.Breathing)]
    [InlineData(R.Smoke)]
    public void Chest_pain_breathing_and_smoke_are_always_priority_1(R reason)
    {
        Assert.Equal(1, TriageScripts.Priority(reason, All(reason, "no")));
        Assert.Equal(1, TriageScripts.Priority(reason, All(reason, "yes")));
    }

    [Theory]
    [InlineData(R.Fall)]
    [InlineData(R.Confusion)]
    public void A_fall_or_confusion_is_priority_1_with_a_red_flag_and_2_without(R reason)
    {
        Assert.Equal(2, TriageScripts.Priority(reason, All(reason, "no")));
        var one = All(reason, "no");
        one[TriageScripts.Script(reason)[0].Code] = "yes";
        Assert.Equal(1, TriageScripts.Priority(reason, one));
    }

    [Fact]
    public void An_unknown_answer_counts_as_a_red_flag()
    {
        var answers = All(R.Fall, "no");
        answers["head-or-unconscious"] = "unknown";
        Assert.Equal(1, TriageScripts.Priority(R.Fall, answers));
    }

    [Fact]
    public void Other_reasons_are_priority_2_and_have_no_script()
    {
        Assert.Empty(TriageScripts.Script(R.Other));
        Assert.Equal(2, TriageScripts.Priority(R.Other, new Dictionary<string, string>()));
    }

    [Fact]
    public void Every_reason_but_other_has_a_short_chinese_script()
    {
        foreach (var r in TriageScripts.Reasons.Where(r => r != R.Other))
        {
            var script = TriageScripts.Script(r);
            Assert.InRange(script.Count, 3, 5);
            Assert.All(script, q => Assert.True(Infrastructure.Api.IsChinese(q.Text)));
            Assert.Equal(script.Count, script.Select(q => q.Code).Distinct().Count());
        }
    }

    [Fact]
    public void A_call_opens_an_incident_of_the_kind_of_its_reason()
    {
        Assert.Equal(IncidentKind.Fall, TriageScripts.IncidentKindOf(R.Fall, new Dictionary<string, string>()));
        Assert.Equal(IncidentKind.Sos, TriageScripts.IncidentKindOf(R.ChestPain, new Dictionary<string, string>()));
        Assert.Equal(IncidentKind.Smoke, TriageScripts.IncidentKindOf(R.Smoke, new Dictionary<string, string> { ["fire"] = "yes", ["gas-smell"] = "yes" }));
        Assert.Equal(IncidentKind.Gas, TriageScripts.IncidentKindOf(R.Smoke, new Dictionary<string, string> { ["fire"] = "no", ["gas-smell"] = "yes" }));
    }

    [Fact]
    public void Missing_or_foreign_answers_are_field_errors()
    {
        var errors = new FieldErrors();
        TriageScripts.Validate(R.ChestPain, new Dictionary<string, string?> { ["over-15-minutes"] = "yes", ["blue-lips"] = "no" }, errors);
        var e = Assert.Throws<ValidationFailedException>(errors.ThrowIfAny);
        Assert.Contains("answers.sweat-or-breathless", e.Errors.Keys);
        Assert.Contains("answers", e.Errors.Keys);
    }

    [Theory]
    [InlineData("13912345678", "13912345678")]
    [InlineData("+86 139 1234 5678", "13912345678")]
    [InlineData("0919-1234567", "0919-1234567")]
    [InlineData("12349", "12349")]
    [InlineData("", null)]
    public void Caller_numbers_take_the_elders_normal_form(string input, string? expected)
    {
        Assert.Equal(expected, CallRules.NormalizeNumber(input, out var error));
        Assert.Null(error);
    }

    [Fact]
    public void A_caller_number_with_letters_is_refused()
    {
        Assert.Null(CallRules.NormalizeNumber("call-me", out var error));
        Assert.NotNull(error);
    }
}
