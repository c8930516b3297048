using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Accounts;

/// <summary>The console verb <c>unlock USER</c>: the way out for a locked security admin, whom no one else may unlock.</summary>
public abstract class ConsoleUnlockTests(AppFixture fixture) : AccountTestBase(fixture)
{
    [DbFact]
    public async Task The_console_unlocks_the_security_admins_own_account()
    {
        var (id, userName) = await NewAdmin("security-admin");
        for (var i = 1; i <= 5; i++)
        {
            using var r = await RequestToken(userName, "Wrong-password-" + i);
            await r.ShouldBeProblem(HttpStatusCode.Unauthorized);
        }
        Assert.True((await LoadUser(id)).LockedUntil > DateTimeOffset.UtcNow);

        var (code, output) = await RunVerb("unlock", userName);
        Assert.True(code == 0, output);
        Assert.Contains("已解锁", output);
        Assert.Null((await LoadUser(id)).LockedUntil);
        await Token(userName);
        Assert.Contains(await Audit("user.unlock"), e => e.SubjectId == id.ToString() && e.UserName == "console");

        var (unknown, _) = await RunVerb("unlock", "nobody" + Guid.NewGuid().ToString("N")[..8]);
        Assert.Equal(2, unknown);
    }

    [DbFact]
    public async Task The_console_resets_an_administrators_lost_second_factor_which_the_security_admin_may_not()
    {
        var (id, userName) = await NewAdmin("audit-admin");
        await Factory.WithScope(sp => sp.GetRequiredService<YiyangDb>().Users.Where(u => u.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TotpEnabledAt, DateTimeOffset.UtcNow).SetProperty(u => u.TotpSecret, new byte[] { 1, 2, 3 })));
        using (var r = await (await As("security")).PostAsync($"/api/users/{id}/reset-totp", null))
            await r.ShouldBeProblem(HttpStatusCode.Forbidden);

        var (code, output) = await RunVerb("unlock", userName, "--reset-totp");
        Assert.True(code == 0, output);
        var user = await LoadUser(id);
        Assert.Null(user.TotpEnabledAt);
        Assert.Null(user.TotpSecret);
        Assert.Contains(await Audit("user.totp.reset"), e => e.SubjectId == id.ToString() && e.UserName == "console");
    }

    /// <summary>Runs an admin verb of the built app (src/Yiyang/bin/…/Yiyang.dll) on the fixture's database.</summary>
    private async Task<(int Code, string Output)> RunVerb(params string[] args)
    {
        var testBin = AppContext.BaseDirectory;
        var configuration = new DirectoryInfo(testBin).Parent!.Name;
        var root = new DirectoryInfo(testBin);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Yiyang.slnx"))) root = root.Parent;
        var dll = Path.Combine(root!.FullName, "src", "Yiyang", "bin", configuration, "net10.0", "Yiyang.dll");
        Assert.True(File.Exists(dll), $"the app is not built: {dll}");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["Database__Provider"] = Factory.Database.ProviderSetting;
        info.Environment["ConnectionStrings__Yiyang"] = Factory.Database.ConnectionString;
        info.Environment["Security__PiiEncryptionKey"] = AppFactory.PiiEncryptionKey;
        info.Environment["Security__PiiHashKey"] = AppFactory.PiiHashKey;
        info.Environment["Security__AuditMacKey"] = Convert.ToBase64String(AppFactory.AuditMacKey); // the console extends the same chain
        info.Environment["Audit__CheckpointDirectory"] = Factory.AuditCheckpointDirectory;
        info.Environment["Demo__Seed"] = "false";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ConsoleUnlockTestsSqlite(SqliteAppFixture f) : ConsoleUnlockTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ConsoleUnlockTestsPostgres(PostgresAppFixture f) : ConsoleUnlockTests(f), IPostgresTests;
