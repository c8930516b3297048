using Yiyang.Platform.Identifiers;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Platform;

public sealed class ChineseIdNumberTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Theory]
    [InlineData("11010519491231002X", 1949, 12, 31, Sex.Female)]
    [InlineData("440524190511240015", 1905, 11, 24, Sex.Male)] // 120 today: the oldest plausible age
    public void Valid_samples_are_accepted_with_birth_date_and_sex(string id, int y, int m, int d, Sex sex)
    {
        var info = ChineseIdNumber.TryParse(id, Today, out var error);
        Assert.Null(error);
        Assert.NotNull(info);
        Assert.Equal(id, info.Normalized);
        Assert.Equal(new DateOnly(y, m, d), info.BirthDate);
        Assert.Equal(sex, info.Sex);
    }

    [Fact]
    public void A_lower_case_x_is_normalized_to_upper_case()
    {
        var info = ChineseIdNumber.TryParse("11010519491231002x", Today, out _);
        Assert.Equal("11010519491231002X", info?.Normalized);
    }

    [Fact]
    public void Surrounding_spaces_are_ignored()
    {
        Assert.Equal("11010519491231002X", ChineseIdNumber.TryParse("  11010519491231002X ", Today, out _)?.Normalized);
    }

    [Fact]
    public void A_15_digit_number_is_upgraded_to_18_digits()
    {
        var info = ChineseIdNumber.TryParse("130503670401001", Today, out var error);
        Assert.Null(error);
        Assert.Equal("130503196704010016", info?.Normalized);
        Assert.Equal(new DateOnly(1967, 4, 1), info?.BirthDate);
        Assert.Equal(Sex.Male, info?.Sex);
    }

    [Fact]
    public void A_wrong_check_digit_is_refused_with_a_Chinese_message()
    {
        Assert.Null(ChineseIdNumber.TryParse("110105194912310021", Today, out var error));
        Assert.Contains("校验码", error);
    }

    [Fact]
    public void A_birth_date_in_the_future_is_refused()
    {
        var body = "11010520270101001";
        Assert.Null(ChineseIdNumber.TryParse(body + TestData.IdCheck(body), Today, out var error));
        Assert.Contains("晚于今天", error);
    }

    [Theory]
    [InlineData("440524188001010014")] // 1880-01-01: 146, accepted before
    [InlineData("44052419051123001X")] // 121 today
    public void A_birth_date_making_the_holder_older_than_120_is_refused_with_a_clear_message(string id)
    {
        Assert.Null(ChineseIdNumber.TryParse(id, Today, out var error));
        Assert.Equal("身份证号码中的出生日期表明年龄超过 120 岁，请核对出生年份。", error);
    }

    [Fact]
    public void An_impossible_date_is_refused()
    {
        var body = "11010519490230001";
        Assert.Null(ChineseIdNumber.TryParse(body + TestData.IdCheck(body), Today, out var error));
        Assert.Contains("不是有效日期", error);
    }

    [Fact]
    public void Province_99_is_not_a_valid_address_code()
    {
        var body = "99010519491231002";
        Assert.Null(ChineseIdNumber.TryParse(body + TestData.IdCheck(body), Today, out var error));
        Assert.Contains("省级代码", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("1101051949123100")]
    [InlineData("1101051949123100211")]
    [InlineData("11010519491231A02X")]
    [InlineData("13050367040100A")]
    public void Malformed_input_is_refused_with_a_message(string? input)
    {
        Assert.Null(ChineseIdNumber.TryParse(input, Today, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.True(Infrastructure.Api.IsChinese(error!));
    }

    [Fact]
    public void Sex_follows_the_parity_of_the_sequence_digit()
    {
        for (var seq = 0; seq < 10; seq++)
        {
            var body = $"4405241949010100{seq}";
            var info = ChineseIdNumber.TryParse(body + TestData.IdCheck(body), Today, out _);
            Assert.Equal(seq % 2 == 1 ? Sex.Male : Sex.Female, info?.Sex);
        }
    }

    [Fact]
    public void The_check_character_agrees_with_an_independent_computation()
    {
        for (var i = 0; i < 200; i++)
        {
            var id = TestData.IdNumber();
            Assert.Equal(TestData.IdCheck(id[..17]), ChineseIdNumber.CheckCharacter(id.AsSpan(0, 17)));
            Assert.True(ChineseIdNumber.IsValid(id, Today));
            Assert.False(ChineseIdNumber.IsValid(TestData.WrongCheck(id), Today));
        }
    }

    [Fact]
    public void Mask_keeps_the_first_three_and_last_four_characters()
    {
        Assert.Equal("110***********002X", ChineseIdNumber.Mask("11010519491231002X"));
    }

    [Theory]
    [InlineData("20")]
    [InlineData("55")]
    [InlineData("72")]
    [InlineData("80")]
    public void A_province_code_that_does_not_exist_is_refused_even_with_a_right_check_digit(string province)
    {
        var body = province + "010519491231002";
        var id = body + ChineseIdNumber.CheckCharacter(body);
        Assert.Null(ChineseIdNumber.TryParse(id, new DateOnly(2026, 11, 23), out var error));
        Assert.Contains("地址码", error);
    }

    [Theory]
    [InlineData("46")] // 海南
    [InlineData("50")] // 重庆
    [InlineData("71")] // 台湾
    [InlineData("82")] // 澳门
    public void Every_real_province_code_is_accepted(string province)
    {
        var body = province + "010519491231002";
        Assert.NotNull(ChineseIdNumber.TryParse(body + ChineseIdNumber.CheckCharacter(body), new DateOnly(2026, 11, 23), out _));
    }
}
