using Yiyang.Platform.Identifiers;

namespace Yiyang.Tests.Platform;

public sealed class CreditCodeTests
{
    private static string Valid(string body17) => body17 + CreditCode.CheckCharacter(body17);

    [Theory]
    [InlineData("52610202MJ0000001")]
    [InlineData("12610202073007919")]
    [InlineData("91110000600037341")]
    public void A_code_with_the_computed_check_character_is_accepted(string body)
    {
        var code = Valid(body);
        Assert.Equal(code, CreditCode.TryNormalize(code, out var error));
        Assert.Null(error);
    }

    /// <summary>Published codes, not built with the product's own check function: an independent oracle.</summary>
    [Theory]
    [InlineData("91350100M000100Y43")] // the worked example of GB 32100-2015
    [InlineData("914403001922038216")] // 华为技术有限公司 (深圳)
    public void Real_world_codes_are_accepted(string code)
    {
        Assert.Equal(code, CreditCode.TryNormalize(code, out var error));
        Assert.Null(error);
        Assert.Equal(code[17], CreditCode.CheckCharacter(code.AsSpan(0, 17)));
    }

    [Fact]
    public void Lower_case_input_is_normalized_to_upper_case()
    {
        var code = Valid("91350100M000100Y4");
        Assert.Equal(code, CreditCode.TryNormalize(code.ToLowerInvariant(), out _));
    }

    [Fact]
    public void A_wrong_check_character_is_refused()
    {
        var code = Valid("52610202MJ0000001");
        var wrong = code[..17] + (code[17] == '0' ? '1' : '0');
        Assert.Null(CreditCode.TryNormalize(wrong, out var error));
        Assert.Contains("校验位", error);
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('S')]
    [InlineData('V')]
    [InlineData('Z')]
    public void Forbidden_letters_are_refused(char letter)
    {
        var code = "52610202MJ000000" + letter + "0";
        Assert.Null(CreditCode.TryNormalize(code, out var error));
        Assert.Contains("不含 I、O、S、V、Z", error);
    }

    [Theory]
    [InlineData("52610202MJ000000")]
    [InlineData("52610202MJ000000123")]
    public void A_code_of_the_wrong_length_is_refused(string code)
    {
        Assert.Null(CreditCode.TryNormalize(code, out var error));
        Assert.Contains("18 位", error);
    }

    [Fact]
    public void An_empty_code_is_refused()
    {
        Assert.Null(CreditCode.TryNormalize("  ", out var error));
        Assert.Contains("请填写", error);
    }

    [Fact]
    public void A_non_numeric_region_part_is_refused()
    {
        var code = Valid("5261A202MJ0000001");
        Assert.Null(CreditCode.TryNormalize(code, out var error));
        Assert.Contains("行政区划", error);
    }

    [Fact]
    public void The_check_character_is_the_mod_31_complement()
    {
        const string charset = CreditCode.Charset;
        int[] weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
        var body = "52610202MJ0000001";
        var sum = body.Select((c, i) => charset.IndexOf(c) * weights[i]).Sum();
        var expected = charset[(31 - sum % 31) % 31];
        Assert.Equal(expected, CreditCode.CheckCharacter(body));
    }
}
