using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Accounts;
using Yiyang.Platform.Audit;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Accounts;

/// <summary>Sign-in tests on accounts of their own (never the shared demo users, whose tokens other tests hold).</summary>
public abstract class AccountTestBase(AppFixture fixture) : ApiTestBase(fixture)
{
    /// <summary>A password that passes the rules.</summary>
    protected const string Password = "Fresh-2026-pass";

    /// <summary>A new business account made by the security admin: regulator (no second factor by default), caregiver or call operator (reveal: second factor).</summary>
    protected async Task<(long Id, string UserName)> NewUser(string role = "regulator", string password = Password)
    {
        var userName = role.Replace("-", "") + Guid.NewGuid().ToString("N")[..8];
        var body = new Dictionary<string, object?> { ["userName"] = userName, ["displayName"] = "测试账户", ["password"] = password, ["role"] = role };
        if (role == "regulator") (body["bureau"], body["regionCode"]) = ("health", "610202");
        if (role == "call-operator") body["regionCode"] = "6102";
        if (role is "caregiver" or "doctor" or "nurse" or "institution-admin") body["organizationId"] = await JinhuaId();
        var created = await (await As("security")).PostJson("/api/users", body, HttpStatusCode.Created);
        return (created.Id(), userName);
    }

    /// <summary>A new administrator account, written straight into the database as the console's create-admin would.</summary>
    protected Task<(long Id, string UserName)> NewAdmin(string role) => Factory.WithScope(async sp =>
    {
        var db = sp.GetRequiredService<YiyangDb>();
        var user = new User
        {
            UserName = role.Replace("-", "") + Guid.NewGuid().ToString("N")[..8],
            DisplayName = "测试管理员",
            PasswordHash = "",
            Role = role,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        user.PasswordHash = AccountService.HashPassword(user, Password);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return (user.Id, user.UserName);
    });

    protected async Task<HttpResponseMessage> RequestToken(string userName, string password = Password, string? otp = null, string? recoveryCode = null)
    {
        using var client = Factory.Anonymous();
        return await client.PostAsJsonAsync("/api/auth/token", new { userName, password, otp, recoveryCode });
    }

    protected async Task<string> Token(string userName, string password = Password, string? otp = null)
    {
        using var r = await RequestToken(userName, password, otp);
        await r.ShouldBe(HttpStatusCode.OK);
        return (string)(await r.ReadJson())["accessToken"]!;
    }

    protected HttpClient Bearer(string token)
    {
        var client = Factory.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The status of GET /api/auth/me with the client's credentials.</summary>
    protected static async Task<HttpStatusCode> MeStatus(HttpClient client)
    {
        using var r = await client.GetAsync("/api/auth/me");
        return r.StatusCode;
    }

    /// <summary>
    /// Changes account settings until disposed (the tests of a collection run one at a time). The shared demo tokens these
    /// tests use (security admin, city operator) are issued first, under the settings every other test has.
    /// </summary>
    protected async Task<IDisposable> AccountSettings(Action<AccountOptions> change)
    {
        await As("security");
        await As("city");
        var o = Factory.Services.GetRequiredService<IOptions<AccountOptions>>().Value;
        var saved = (o.RequireTotp, o.TotpRoles, o.FailuresPerIp, o.FailuresPerName, o.ThrottleWindowMinutes, o.MaxFailedAttempts, o.SessionCheckSeconds);
        change(o);
        return new Undo(() => (o.RequireTotp, o.TotpRoles, o.FailuresPerIp, o.FailuresPerName, o.ThrottleWindowMinutes, o.MaxFailedAttempts, o.SessionCheckSeconds) = saved);
    }

    /// <summary>The audit entries (chain and outbox) of an action, newest first.</summary>
    protected Task<List<AuditRecord>> Audit(string action) => Factory.WithScope(async sp =>
    {
        await sp.GetRequiredService<AuditLog>().FlushAsync();
        var db = sp.GetRequiredService<YiyangDb>();
        var chain = await db.AuditEntries.AsNoTracking().Where(e => e.Action == action).OrderByDescending(e => e.Id)
            .Select(e => new AuditRecord(e.UserId, e.UserName, e.Role, e.Action, e.SubjectType, e.SubjectId, e.ElderId, e.Detail, e.RemoteIp))
            .ToListAsync();
        var outbox = await db.AuditOutbox.AsNoTracking().Where(e => e.Action == action).Select(e => e.ToRecord()).ToListAsync();
        return chain.Concat(outbox).ToList();
    });

    protected Task<User> LoadUser(long id) => Factory.WithScope(sp => sp.GetRequiredService<YiyangDb>().Users.AsNoTracking().SingleAsync(u => u.Id == id));

    private sealed class Undo(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
