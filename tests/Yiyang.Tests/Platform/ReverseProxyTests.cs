using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Platform;

/// <summary>
/// The nginx example (deploy/nginx/yiyang.conf) in front of the app (a child process in Production): TLS ends at nginx,
/// the app answers with HSTS and Secure cookies, and sees the client's address from its one known proxy — which a client
/// cannot overwrite. nginx is installed by scripts/install-test-deps.sh.
/// </summary>
public sealed class ReverseProxyTests
{
    [Fact]
    public async Task Through_nginx_with_TLS_the_app_sends_HSTS_and_Secure_cookies_and_sees_the_real_client()
    {
        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists);
        Assert.True(nginx is not null, "nginx is not installed (scripts/install-test-deps.sh installs it)");
        var dir = Directory.CreateTempSubdirectory("yy_nginx_").FullName;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var app = await AppProcess.StartAsync(database, settings: new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Demo__AllowInProduction"] = "true",
            ["Accounts__RequireTotp"] = "false", // the demo accounts sign in with a password (the second factor: Accounts/TotpTests)
            ["Proxy__KnownProxies__0"] = "127.0.0.1",
        });
        await RunAsync("openssl", $"req -x509 -newkey rsa:2048 -nodes -keyout {dir}/key.pem -out {dir}/cert.pem -days 1 -subj /CN=localhost");
        var (http, https) = (FreePort(), FreePort());
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Yiyang.slnx"))) root = root.Parent!;
        var site = (await File.ReadAllTextAsync(Path.Combine(root.FullName, "deploy", "nginx", "yiyang.conf")))
            .Replace("${YIYANG_APP_NODES}", $"server {app.BaseAddress.Host}:{app.BaseAddress.Port};")
            .Replace("${YIYANG_SERVER_NAME}", "localhost")
            .Replace("${YIYANG_HTTP_LISTEN}", $"127.0.0.1:{http}")
            .Replace("${YIYANG_HTTPS_LISTEN}", $"127.0.0.1:{https}")
            .Replace("${YIYANG_TLS_CERT}", $"{dir}/cert.pem")
            .Replace("${YIYANG_TLS_KEY}", $"{dir}/key.pem");
        Assert.DoesNotContain("${YIYANG", string.Join('\n', site.Split('\n').Where(l => !l.TrimStart().StartsWith('#'))));
        await File.WriteAllTextAsync($"{dir}/yiyang.conf", site);
        await File.WriteAllTextAsync($"{dir}/nginx.conf", $$"""
            daemon off;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/error.log;
            events { worker_connections 64; }
            http {
                access_log off;
                client_body_temp_path {{dir}}/body;
                proxy_temp_path {{dir}}/proxy;
                fastcgi_temp_path {{dir}}/fastcgi;
                uwsgi_temp_path {{dir}}/uwsgi;
                scgi_temp_path {{dir}}/scgi;
                include {{dir}}/yiyang.conf;
            }
            """);
        using var proxy = Process.Start(new ProcessStartInfo(nginx!, $"-p {dir} -c {dir}/nginx.conf")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        try
        {
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
                AllowAutoRedirect = false,
                UseCookies = false,
            };
            using var client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{https}"), Timeout = TimeSpan.FromSeconds(10) };
            HttpResponseMessage? page = null;
            for (var i = 0; i < 40 && page is null; i++)
            {
                try { page = await client.GetAsync("/Account/Login"); }
                catch (HttpRequestException) { await Task.Delay(250); }
            }
            Assert.True(page is not null, "nginx did not answer: " + (File.Exists($"{dir}/error.log") ? await File.ReadAllTextAsync($"{dir}/error.log") : ""));
            using (page)
            {
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.True(page.Headers.Contains("Strict-Transport-Security"), "no HSTS header over HTTPS: " + page.Headers);
                var cookies = page.Headers.GetValues("Set-Cookie").ToList();
                Assert.NotEmpty(cookies);
                Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
                Assert.False(page.Headers.Contains("Server") && page.Headers.GetValues("Server").Any(s => s.Contains("nginx/", StringComparison.Ordinal)));
            }
            // plain HTTP is only a redirect to HTTPS
            using (var plain = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }).GetAsync($"http://127.0.0.1:{http}/Account/Login"))
            {
                Assert.Equal(HttpStatusCode.MovedPermanently, plain.StatusCode);
                Assert.StartsWith("https://", plain.Headers.Location?.OriginalString);
            }
            // a client's own X-Forwarded-For is replaced by nginx: the audit shows the address nginx saw, not the forged one
            using (var token = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token")
            {
                Content = JsonContent.Create(new { userName = "doctor", password = AppProcess.DemoPassword }),
            })
            {
                token.Headers.Add("X-Forwarded-For", "198.51.100.7");
                using var r = await client.SendAsync(token);
                Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            }
            var auditor = app.Client(await app.TokenAsync("auditor"));
            var entries = (await auditor.GetFromJsonAsync<JsonNode>("/api/audit?userName=doctor&action=login"))!["items"]!.AsArray();
            Assert.NotEmpty(entries);
            Assert.All(entries, e => Assert.NotEqual("198.51.100.7", (string?)e!["remoteIp"]));
            Assert.Contains(entries, e => (string?)e!["remoteIp"] == "127.0.0.1");
        }
        finally
        {
            if (!proxy.HasExited) proxy.Kill(entireProcessTree: true);
            await proxy.WaitForExitAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task RunAsync(string file, string args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false })!;
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"{file} failed: {await p.StandardError.ReadToEndAsync()}");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
