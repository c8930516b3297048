using System.Net;
using AngleSharp.Html.Parser;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Billing;

/// <summary>/Billing/Prices: the price catalog and 上门服务费 bands edited by institution admins, errors beside the fields.</summary>
public abstract class PriceCatalogPageTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private async Task<long> NewCentre() =>
        (await (await As("admin")).PostJson("/api/organizations", new Dictionary<string, object?>
        {
            ["name"] = TestData.Name("卫生服务中心"),
            ["kind"] = "medical",
            ["medicalType"] = "社区卫生服务中心",
            ["level"] = "一级",
            ["creditCode"] = TestData.CreditCode("12"),
            ["medicalLicenceNo"] = "PDY" + Random.Shared.Next(100000, 999999),
            ["townshipCode"] = Township,
        }, HttpStatusCode.Created)).Id();

    [DbFact]
    public async Task An_admin_adds_and_edits_a_price_and_sets_the_bands_with_messages_beside_the_fields()
    {
        var org = await NewCentre();
        var url = $"/Billing/Prices?organizationId={org}";
        using var client = await PageClient.LoggedIn(Factory, "admin");

        using (var bad = await client.PostForm(url, $"/Billing/Prices?handler=Price&organizationId={org}",
                   new() { ["Code"] = "NS-CATH", ["Name"] = "", ["Price"] = "十元", ["Active"] = "true" }))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            var doc = new HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.Equal("true", doc.GetElementById("price")!.GetAttribute("aria-invalid"));
            Assert.Contains("数字", doc.GetElementById("price-error")!.TextContent);
            Assert.Equal("NS-CATH", doc.GetElementById("code")!.GetAttribute("value"));
        }
        using (var noName = await client.PostForm(url, $"/Billing/Prices?handler=Price&organizationId={org}",
                   new() { ["Code"] = "NS-CATH", ["Name"] = "", ["Price"] = "40.5", ["Active"] = "true" }))
        {
            var doc = new HtmlParser().ParseDocument(await noName.Content.ReadAsStringAsync());
            Assert.Equal("true", doc.GetElementById("name")!.GetAttribute("aria-invalid"));
            Assert.False(string.IsNullOrWhiteSpace(doc.GetElementById("name-error")!.TextContent));
        }
        var admin = await As("admin");
        Assert.Empty((await admin.GetJson($"/api/billing/prices?organizationId={org}")).AsArray());

        using (var ok = await client.PostForm(url, $"/Billing/Prices?handler=Price&organizationId={org}",
                   new() { ["Code"] = "NS-CATH", ["Name"] = "导尿管护理", ["Unit"] = "次", ["Price"] = "40.5", ["Active"] = "true" }))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var item = (await admin.GetJson($"/api/billing/prices?organizationId={org}")).AsArray().Single()!;
        Assert.Equal(40.5m, (decimal)item["price"]!);

        // edit: the form is filled from the row, the code stays
        var edit = new HtmlParser().ParseDocument(await client.GetStringAsync($"{url}&edit={item.Id()}"));
        Assert.Equal("40.50", edit.GetElementById("price")!.GetAttribute("value"));
        using (var saved = await client.PostForm($"{url}&edit={item.Id()}", $"/Billing/Prices?handler=Price&organizationId={org}",
                   new() { ["ItemId"] = item.Id().ToString(), ["ItemVersion"] = "0", ["Code"] = "NS-CATH", ["Name"] = "导尿管护理", ["Unit"] = "次", ["Price"] = "42" }))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var changed = (await admin.GetJson($"/api/billing/prices?organizationId={org}")).AsArray().Single()!;
        Assert.Equal(42m, (decimal)changed["price"]!);
        Assert.False((bool)changed["active"]!); // the box was not ticked
        var list = new HtmlParser().ParseDocument(await client.GetStringAsync(url));
        Assert.Contains("¥42.00", list.QuerySelector("#price-items tr[data-code='NS-CATH']")!.TextContent);

        // bands: an overlap and a non-number are shown beside their fields; nothing is saved
        using (var overlap = await client.PostForm(url, $"/Billing/Prices?handler=Fees&organizationId={org}", new()
        {
            ["Payer"] = "elder",
            ["Bands[0].FromKm"] = "0",
            ["Bands[0].ToKm"] = "5",
            ["Bands[0].Fee"] = "20",
            ["Bands[1].FromKm"] = "3",
            ["Bands[1].ToKm"] = "",
            ["Bands[1].Fee"] = "35",
        }))
        {
            var doc = new HtmlParser().ParseDocument(await overlap.Content.ReadAsStringAsync());
            Assert.Equal("true", doc.GetElementById("bands-1-fromKm")!.GetAttribute("aria-invalid"));
            Assert.Contains("重叠", doc.GetElementById("bands-1-fromKm-error")!.TextContent);
            Assert.Null(doc.GetElementById("bands-0-fromKm")!.GetAttribute("aria-invalid"));
        }
        using (var nan = await client.PostForm(url, $"/Billing/Prices?handler=Fees&organizationId={org}",
                   new() { ["Payer"] = "elder", ["Bands[0].FromKm"] = "0", ["Bands[0].Fee"] = "二十" }))
        {
            var doc = new HtmlParser().ParseDocument(await nan.Content.ReadAsStringAsync());
            Assert.Contains("数字", doc.GetElementById("bands-0-fee-error")!.TextContent);
        }
        Assert.Empty((await admin.GetJson($"/api/billing/service-fees?organizationId={org}"))["bands"]!.AsArray());

        using (var set = await client.PostForm(url, $"/Billing/Prices?handler=Fees&organizationId={org}", new()
        {
            ["Payer"] = "family-doctor",
            ["Bands[0].FromKm"] = "0",
            ["Bands[0].ToKm"] = "3",
            ["Bands[0].Fee"] = "20",
            ["Bands[1].FromKm"] = "3",
            ["Bands[1].ToKm"] = "",
            ["Bands[1].Fee"] = "35",
            ["Bands[2].FromKm"] = "",
            ["Bands[2].ToKm"] = "",
            ["Bands[2].Fee"] = "",
        }))
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var fees = await admin.GetJson($"/api/billing/service-fees?organizationId={org}");
        Assert.Equal("family-doctor", (string)fees["payer"]!);
        Assert.Equal(new[] { 20m, 35m }, fees["bands"]!.AsArray().Select(b => (decimal)b!["fee"]!));
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(url));
        Assert.Equal("35.00", page.GetElementById("bands-1-fee")!.GetAttribute("value"));
        Assert.Empty(page.QuerySelectorAll("main script, main [style]"));
    }

    [DbFact]
    public async Task Only_billing_writers_open_the_page()
    {
        using var orgadmin = await PageClient.LoggedIn(Factory, "orgadmin");
        var doc = new HtmlParser().ParseDocument(await orgadmin.GetStringAsync("/Billing/Prices"));
        Assert.NotNull(doc.GetElementById("fees-form"));
        Assert.NotEmpty(doc.QuerySelectorAll("#price-items tbody tr"));
        using var doctor = await PageClient.LoggedIn(Factory, "doctor");
        using var denied = await doctor.GetAsync("/Billing/Prices");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PriceCatalogPageTestsSqlite(SqliteAppFixture f) : PriceCatalogPageTests(f);

[Collection(PostgresCollection.Name)]
public sealed class PriceCatalogPageTestsPostgres(PostgresAppFixture f) : PriceCatalogPageTests(f), IPostgresTests;
