using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Yiyang.Tests.Infrastructure;

/// <summary>A browser-like client for Razor pages: logged in through the login page (cookie + antiforgery).</summary>
public static partial class PageClient
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    public static async Task<HttpClient> LoggedIn(AppFactory factory, string user, string password = AppFactory.DemoPassword)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/Account/Login");
        using var r = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = user,
            ["Password"] = password,
            ["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        return client;
    }

    /// <summary>Opens <paramref name="pageUrl"/> for its antiforgery token, then posts the form to <paramref name="postUrl"/>.</summary>
    public static async Task<HttpResponseMessage> PostForm(this HttpClient client, string pageUrl, string postUrl, Dictionary<string, string> form)
    {
        var page = await client.GetStringAsync(pageUrl);
        form["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value;
        return await client.PostAsync(postUrl, new FormUrlEncodedContent(form));
    }
}
