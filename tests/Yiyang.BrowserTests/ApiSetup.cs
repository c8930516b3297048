using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Yiyang.BrowserTests;

/// <summary>Set-up of browser tests through the running app's API: a bearer client per demo user, POSTs that must succeed.</summary>
public static class ApiSetup
{
    public static async Task<HttpClient> ApiAs(this BrowserFixture fx, string user)
    {
        var http = new HttpClient { BaseAddress = new Uri(fx.BaseUrl) };
        using var token = await http.PostAsJsonAsync("/api/auth/token", new { userName = user, password = YiyangServer.DemoPassword });
        token.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return http;
    }

    public static async Task<JsonElement> Post(HttpClient http, string url, object body)
    {
        using var r = await http.PostAsJsonAsync(url, body);
        Assert.True(r.IsSuccessStatusCode, $"{url}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>An elder registered by the 黄堡镇 health centre (as <paramref name="hbdoctor"/>): outside the care homes' scope.</summary>
    public static Task<JsonElement> HuangbaoElder(HttpClient hbdoctor, string name, string idNumber, string phone, string address) =>
        Post(hbdoctor, "/api/elders", new
        {
            name,
            idNumber,
            phone,
            townshipCode = "610202100",
            address,
            insuranceType = "01",
            flags = Array.Empty<string>(),
        });

    /// <summary>The signed-in user's organization.</summary>
    public static async Task<long> OrganizationId(HttpClient user) =>
        (await user.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("organizationId").GetInt64();

    /// <summary>A new bed of the institution; its id.</summary>
    public static async Task<long> Bed(HttpClient staff, long orgId, string ward, string room, string kind = "nursing") =>
        (await Post(staff, $"/api/institutions/{orgId}/beds", new { ward, room, number = "1", kind })).GetProperty("id").GetInt64();
}
