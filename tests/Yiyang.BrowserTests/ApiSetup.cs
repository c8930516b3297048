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
}
