using Yiyang.Platform.Identifiers;
using Yiyang.Platform.Security;

namespace Yiyang.Tests.Platform;

public sealed class MaskingTests
{
    [Fact]
    public void An_ID_number_shows_only_its_first_three_and_last_four_characters() =>
        Assert.Equal("110***********002X", ChineseIdNumber.Mask("11010519491231002X"));

    [Fact]
    public void A_mobile_number_shows_only_its_first_three_and_last_four_digits() =>
        Assert.Equal("138****5678", Masking.Phone("13812345678"));

    [Fact]
    public void A_landline_keeps_the_area_code_and_the_last_four_digits() =>
        Assert.Equal("091*****4567", Masking.Phone("0919-1234567"));

    [Fact]
    public void A_short_number_is_hidden_except_the_last_four() =>
        Assert.Equal("**5678", Masking.Phone("125678"));

    [Theory]
    [InlineData("H6102021234567890", "H61**********7890")] // long: like the ID number
    [InlineData("11010519491231002X", "110***********002X")] // a card number that is the ID number: no more than the ID's mask
    [InlineData("A1234567", "****4567")]
    [InlineData("A12345", "******")]
    public void A_health_card_number_is_masked_like_the_ID_number(string card, string masked) =>
        Assert.Equal(masked, Masking.CardNumber(card));

    [Fact]
    public void A_name_keeps_only_the_surname() => Assert.Equal("张**", Masking.Name("张建国"));

    [Fact]
    public void An_address_hides_the_house_number()
    {
        var masked = Masking.Address("王益区红旗街88号3单元201室");
        Assert.StartsWith("王益区红旗街", masked);
        Assert.DoesNotContain("88号", masked);
        Assert.EndsWith("****", masked);
    }

    [Fact]
    public void Free_text_loses_the_ID_and_mobile_numbers_it_contains_and_keeps_the_rest()
    {
        var scrubbed = Masking.Scrub("家属来电 13812345678，核对身份 11010519491231002x 后上门");
        Assert.Equal("家属来电 138****5678，核对身份 110***********002X 后上门", scrubbed);
        Assert.Equal("上门核对身份", Masking.Scrub("上门核对身份"));
        Assert.Equal("病历号 12345", Masking.Scrub("病历号 12345"));
    }
}
