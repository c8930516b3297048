using Yiyang.Platform.Identifiers;
using Yiyang.Platform.Security;

namespace Yiyang.Tests.Unit;

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
}
