using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Platform.Security;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Accounts;

/// <summary>
/// 三员分立: the platform admin configures the system and reads no personal or clinical data; the city operator does the
/// city-wide business; the security admin creates business accounts only, the three administrators come from the console.
/// </summary>
public abstract class SeparationOfDutiesTests(AppFixture fixture) : ApiTestBase(fixture)
{
    /// <summary>
    /// The routes whose authorization the platform admin passes: configuration and its own session only. Any other
    /// route a role change opens to it fails this list.
    /// </summary>
    private static readonly string[] ConfigurationRoutes =
    [
        "/", "/Account/Login", "/Account/Logout", "/Account/Denied", "/Error", "/Privacy", "/metrics", "/health", "/FreeBeds",
        "/api/auth/token", "/api/auth/me", "/api/auth/logout", "/api/auth/password", "/Account/Password", "/Account/Totp", "/api/regions", "/api/regions/{code}", "/api/regions/{code}/children",
        "/api/organizations", "/api/organizations/{id:long}", "/Organizations", "/Organizations/Index", "/Organizations/Create",
        "/Organizations/Details/{id:long}", "/Organizations/Edit/{id:long}",
        "/api/billing/prices", "/api/billing/prices/{id:long}", "/api/billing/service-fees", "/Billing/Prices",
        "/api/care-levels/mapping", "/api/care-levels/mapping/history", "/Assessments/CareLevels",
        "/api/ltc-tables", "/api/ltc-tables/history", "/Assessments/LtcTables",
        "/api/working-days/add", "/api/working-days/calendars", "/api/working-days/calendars/{year:int}", "/Supervision/WorkingDays",
    ];

    /// <summary>Routes any signed-in user reaches whose handlers apply the scope (the platform admin: 403 or 404 there).</summary>
    private static readonly string[] CheckedInTheHandler =
        ["/api/institutions/conversions", "/api/daily-care/institutions/{orgId:long}/zoning", "/DailyCare/Zoning"];

    private static string Route(RouteEndpoint e) => "/" + (e.RoutePattern.RawText ?? "").Trim('/');

    private static bool IsExempt(string route) => ConfigurationRoutes.Contains(route) || route.StartsWith("/openapi", StringComparison.Ordinal)
        || route.StartsWith("/api/public", StringComparison.Ordinal) || route.StartsWith("/Public", StringComparison.Ordinal);

    private List<RouteEndpoint> Endpoints() =>
        [.. Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)];

    [Fact]
    public void The_platform_admin_passes_the_authorization_of_configuration_routes_only()
    {
        var open = new SortedSet<string>();
        foreach (var e in Endpoints())
        {
            var policies = e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).ToList();
            if (policies.All(p => Policies.Allows(p!, Roles.PlatformAdmin))) open.Add(Route(e));
        }
        var beyond = open.Where(r => !IsExempt(r) && !CheckedInTheHandler.Contains(r)).ToList();
        Assert.True(beyond.Count == 0, "open to the platform admin: " + string.Join(", ", beyond));
    }

    /// <summary>
    /// The attack of the audit: the platform admin read elder records and revealed IDs. Now every API operation and page
    /// that is not configuration refuses it — elder records, reveal, registration, import, clinical lists (home visits,
    /// sickbeds, assessments, care plans, health management and the indicators' drill-through, prescriptions, referrals,
    /// daily care, claims), statements and exports — while the city operator reads the same elder.
    /// </summary>
    [DbFact]
    public async Task The_platform_admin_is_refused_every_personal_and_clinical_operation_and_page()
    {
        var elder = await CreateElder(user: "city");
        var id = elder.Id().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var org = (await JinhuaId()).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string Url(string route) => System.Text.RegularExpressions.Regex.Replace(route, "{([A-Za-z]+)(:[^}]*)?}", m => m.Groups[1].Value switch
        {
            "orgId" or "organizationId" => org,
            "code" or "townshipCode" => Township,
            "field" => "idNumber",
            "kind" or "instrument" or "code2" => "x",
            _ => id,
        }).Replace("{**catchAll}", "x");
        var admin = await As("admin");
        using var pages = await PageClient.LoggedIn(Factory, "admin");
        var allowed = new List<string>();
        var checkedCount = 0;
        foreach (var e in Endpoints())
        {
            var route = Route(e);
            if (IsExempt(route)) continue;
            var methods = e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods.Where(m => m != "HEAD"))
            {
                var isApi = route.StartsWith("/api/", StringComparison.Ordinal) || route == "/metrics";
                if (!isApi && method != "GET") continue;
                var url = Url(route) + (route == "/DailyCare/Zoning" ? $"?orgId={org}" : ""); // without one it is an empty form
                using var req = new HttpRequestMessage(new HttpMethod(method), url);
                if (method != "GET") req.Content = JsonContent.Create(new { });
                using var r = await (isApi ? admin : pages).SendAsync(req);
                checkedCount++;
                var refused = r.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                    || (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location?.OriginalString.Contains("/Account/Denied", StringComparison.Ordinal) == true);
                if (!refused) allowed.Add($"{method} {route} → {(int)r.StatusCode}");
            }
        }
        Assert.True(allowed.Count == 0, "the platform admin was not refused: " + string.Join("; ", allowed));
        Assert.True(checkedCount > 150, $"only {checkedCount} operations checked");

        // the elder exists: the city operator reads it and may reveal the phone, not the ID number
        var city = await As("city");
        await city.GetJson($"/api/elders/{id}");
        using (var phone = await city.PostAsJsonAsync($"/api/elders/{id}/reveal", new { field = "phone", reason = "安排上门服务" }))
            await phone.ShouldBe(HttpStatusCode.OK);
        using (var idNumber = await city.PostAsJsonAsync($"/api/elders/{id}/reveal", new { field = "idNumber", reason = "核对" }))
            await idNumber.ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [DbFact]
    public async Task The_platform_admin_keeps_its_configuration_pages_and_no_business_links()
    {
        using var admin = await PageClient.LoggedIn(Factory, "admin");
        var home = await admin.GetStringAsync("/");
        Assert.Contains("平台管理员", home);
        Assert.DoesNotContain("href=\"/Elders\"", home);
        Assert.Contains("href=\"/Billing/Prices\"", home);
        Assert.Contains("href=\"/Assessments/CareLevels\"", home);
        foreach (var page in new[] { "/Organizations", "/Billing/Prices", "/Assessments/CareLevels", "/Assessments/LtcTables" })
        {
            using var r = await admin.GetAsync(page);
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"{page}: {(int)r.StatusCode}");
        }
        var api = await As("admin");
        await api.GetJson("/api/care-levels/mapping");
        await api.GetJson($"/api/billing/prices?organizationId={await JinhuaId()}");
    }

    /// <summary>The attack of the audit: security created a platform-admin through POST /api/users and logged in as it.</summary>
    [DbFact]
    public async Task The_security_admin_cannot_create_an_administrator_through_the_api_or_the_page()
    {
        var security = await As("security");
        foreach (var role in Roles.Administrators)
        {
            var userName = "x" + Guid.NewGuid().ToString("N")[..10];
            using (var r = await security.PostAsJsonAsync("/api/users", new { userName, displayName = "冒名管理员", password = "Admin2026pass!", role }))
            {
                var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
                Assert.Contains("控制台", p.FieldErrors("role").Single());
            }
            using var login = await Factory.Anonymous().PostAsJsonAsync("/api/auth/token", new { userName, password = "Admin2026pass!" });
            Assert.False(login.IsSuccessStatusCode);

            using var page = await PageClient.LoggedIn(Factory, "security");
            using var posted = await page.PostForm("/System", "/System?handler=Create", new()
            {
                ["Form.UserName"] = userName,
                ["Form.DisplayName"] = "冒名管理员",
                ["Form.Password"] = "Admin2026pass!",
                ["Form.Role"] = role,
            });
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode); // the form again, with the error beside the role
            Assert.Contains("控制台", await posted.Content.ReadAsStringAsync());
        }
        Assert.DoesNotContain((await security.GetJson("/api/users")).AsArray(), u => ((string?)u!["displayName"]) == "冒名管理员");
        var form = await (await PageClient.LoggedIn(Factory, "security")).GetStringAsync("/System");
        foreach (var role in Roles.Administrators) Assert.DoesNotContain($"value=\"{role}\"", form);
        Assert.Contains("value=\"city-operator\"", form);
    }

    /// <summary>The create-admin verb's path (<c>onConsole</c>) still creates the three administrators.</summary>
    [DbFact]
    public async Task The_console_creates_an_administrator_who_can_log_in()
    {
        var userName = "pa" + Guid.NewGuid().ToString("N")[..10];
        var created = await Factory.WithScope(sp => Yiyang.Modules.Accounts.UserAdmin.CreateAsync(
            sp.GetRequiredService<Yiyang.Platform.Data.YiyangDb>(), sp.GetRequiredService<Yiyang.Platform.Regions.RegionCatalog>(),
            sp.GetRequiredService<TimeProvider>(),
            new Yiyang.Modules.Accounts.CreateUserRequest(userName, "平台管理员", "Console2026pass", Roles.PlatformAdmin, null, null, null),
            CancellationToken.None, onConsole: true));
        Assert.Equal(Roles.PlatformAdmin, created.Role);
        var me = await (await Factory.ClientFor(userName, "Console2026pass")).GetJson("/api/auth/me");
        Assert.Equal("平台管理员", (string?)me["roleName"]);
    }

    [DbFact]
    public async Task The_security_admin_creates_a_city_operator_bound_to_a_city()
    {
        var security = await As("security");
        var userName = "city" + Guid.NewGuid().ToString("N")[..8];
        using (var district = await security.PostAsJsonAsync("/api/users",
                   new { userName, displayName = "市级业务", password = "City2026pass", role = "city-operator", regionCode = "610202" }))
            Assert.NotEmpty((await district.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("regionCode"));
        using (var none = await security.PostAsJsonAsync("/api/users",
                   new { userName, displayName = "市级业务", password = "City2026pass", role = "city-operator" }))
            Assert.NotEmpty((await none.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("regionCode"));
        var created = await security.PostJson("/api/users",
            new { userName, displayName = "市级业务", password = "City2026pass", role = "city-operator", regionCode = "6102" }, HttpStatusCode.Created);
        Assert.Equal("市级业务管理员", (string?)created["roleName"]);
        Assert.Equal("6102", (string?)created["regionCode"]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SeparationOfDutiesTestsSqlite(SqliteAppFixture f) : SeparationOfDutiesTests(f);

[Collection(PostgresCollection.Name)]
public sealed class SeparationOfDutiesTestsPostgres(PostgresAppFixture f) : SeparationOfDutiesTests(f), IPostgresTests;
