using Yiyang.Modules.Accounts;

namespace Yiyang.Tests.Accounts;

public sealed class BearerPrefixTests
{
    [Theory]
    [InlineData("yyd_q2Vf0c7YvUu3cD2m4n8p9Qx1aB5sT6uV7wX8yZ0", true)]
    [InlineData("yyg_gateway-secret-of-the-lines", true)]
    [InlineData("yyd_", false)]
    [InlineData("q2Vf0c7YvUu3cD2m4n8p9Qx1aB5sT6uV7wX8yZ0abcd", false)]
    [InlineData("yydq_not-a-prefix-because-the-fourth-char", false)]
    public void Secrets_of_the_device_and_gateway_schemes_are_not_user_tokens(string token, bool other) =>
        Assert.Equal(other, BearerTokenHandler.IsOtherSchemeSecret(token));
}
