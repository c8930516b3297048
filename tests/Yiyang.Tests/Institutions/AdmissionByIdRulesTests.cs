using Yiyang.Modules.Institutions;

namespace Yiyang.Tests.Institutions;

public sealed class AdmissionByIdRulesTests
{
    [Theory]
    [InlineData("王秀英", "王秀英")]
    [InlineData("王秀英", "  王秀英 ")]
    [InlineData("王 秀英", "王秀英")]
    [InlineData("阿依古丽·买买提", "阿依古丽•买买提")]
    [InlineData("阿依古丽·买买提", "阿依古丽．买买提")]
    [InlineData("阿依古丽·买买提", "阿依古丽.买买提")]
    [InlineData("Anna Li", "anna li")]
    public void The_name_on_the_card_matches_the_stored_name(string stored, string given) =>
        Assert.True(AdmissionByIdNumber.NameMatches(stored, given));

    [Theory]
    [InlineData("王秀英", "王秀")]
    [InlineData("王秀英", "王秀英英")]
    [InlineData("王秀英", "汪秀英")]
    [InlineData("阿依古丽·买买提", "阿依古丽买买提")]
    [InlineData("王秀英", "")]
    [InlineData("王秀英", null)]
    [InlineData("", "")]
    [InlineData("  ", " ")]
    public void Another_or_an_empty_name_does_not_match(string? stored, string? given) =>
        Assert.False(AdmissionByIdNumber.NameMatches(stored, given));

    [Theory]
    [InlineData(null, "610204195001010011", null, true)]
    [InlineData(null, null, "王秀英", true)]
    [InlineData(null, "  ", "王秀英", true)]
    [InlineData(12L, "610204195001010011", "王秀英", false)] // an elder id wins: the existing behaviour
    [InlineData(null, null, null, false)]
    [InlineData(null, " ", "", false)]
    public void The_id_card_way_applies_only_without_an_elder_id(long? elderId, string? idNumber, string? name, bool expected) =>
        Assert.Equal(expected, AdmissionByIdNumber.Applies(elderId, idNumber, name));

    [Fact]
    public void The_no_match_answer_names_neither_case() =>
        Assert.Equal("未找到身份证号与姓名相符的老年人档案。请核对，或先为其建档。", AdmissionByIdNumber.NoMatchMessage);
}
