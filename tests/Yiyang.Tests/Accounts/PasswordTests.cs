using System.Net;
using System.Net.Http.Json;
using Yiyang.Modules.Accounts;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Accounts;

/// <summary>What a password must be.</summary>
public sealed class PasswordRuleTests
{
    [Theory]
    [InlineData("Short-2026")] // 10 characters: the old minimum
    [InlineData("abcdefghijkl")] // no digit
    [InlineData("Password2026!")] // a common word with digits and a symbol
    [InlineData("p@ssw0rd2026")]
    [InlineData("Woaini1314520")]
    [InlineData("qwertyuiop12")] // keyboard row
    [InlineData("1qaz2wsx3edc")] // keyboard columns
    [InlineData("1q2w3e4r5t6y")]
    [InlineData("abcd1234abcd")] // alphabet and digit runs
    [InlineData("aaaaaa111111")]
    [InlineData("Zhangsan-2026x")] // contains the account name
    public void Weak_passwords_are_refused(string password) =>
        Assert.NotNull(PasswordRules.Problem(password, "zhangsan"));

    [Theory]
    [InlineData("Yiyang@2026!")] // the demo password
    [InlineData("Fresh-2026-pass")]
    [InlineData("红旗街88号-tea-2026")]
    [InlineData("correct horse battery 9")]
    public void Reasonable_passwords_are_accepted(string password) => Assert.Null(PasswordRules.Problem(password, "zhangsan"));
}

/// <summary>The rules on the API: new accounts and password changes, with no reuse of the last 5.</summary>
public abstract class PasswordTests(AppFixture fixture) : AccountTestBase(fixture)
{
    [DbFact]
    public async Task A_new_account_with_a_weak_password_is_refused()
    {
        var security = await As("security");
        foreach (var weak in new[] { "Regular2026", "Password2026!", "1qaz2wsx3edc" })
        {
            using var r = await security.PostAsJsonAsync("/api/users",
                new { userName = "weak" + Guid.NewGuid().ToString("N")[..6], displayName = "弱密码", password = weak, role = "regulator", bureau = "health", regionCode = "610202" });
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("password"));
        }
    }

    [DbFact]
    public async Task None_of_the_last_five_passwords_may_be_chosen_again()
    {
        var (_, userName) = await NewUser();
        var passwords = Enumerable.Range(1, 5).Select(i => $"Rotation-{i}-pass").Prepend(Password).ToList(); // P0 … P5
        async Task<HttpResponseMessage> Change(string current, string next)
        {
            using var client = Bearer(await Token(userName, current));
            return await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = current, newPassword = next });
        }
        for (var i = 1; i < passwords.Count; i++)
        {
            using var r = await Change(passwords[i - 1], passwords[i]);
            await r.ShouldBe(HttpStatusCode.NoContent);
        }
        // now P5; the last five are P5, P4, P3, P2, P1
        foreach (var reused in passwords.Skip(1))
        {
            using var r = await Change(passwords[^1], reused);
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.Contains("最近 5 次", p.FieldErrors("newPassword").Single());
        }
        using (var sixthBack = await Change(passwords[^1], passwords[0]))
            await sixthBack.ShouldBe(HttpStatusCode.NoContent);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PasswordTestsSqlite(SqliteAppFixture f) : PasswordTests(f);

[Collection(PostgresCollection.Name)]
public sealed class PasswordTestsPostgres(PostgresAppFixture f) : PasswordTests(f), IPostgresTests;
