using System.Net;
using AngleSharp.Html.Parser;
using Yiyang.Modules.Emergency;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Emergency;

public abstract class EmergencyPageTests(AppFixture fixture) : EmergencyTestBase(fixture)
{
    [DbFact]
    public async Task The_operator_registers_a_device_on_the_page_sees_its_secret_once_and_revokes_it()
    {
        var elder = await JinhuaElder();
        using var op = await PageClient.LoggedIn(Factory, "operator");
        var url = $"/Emergency/Devices?elderId={elder}";
        using (var bad = await op.PostForm(url, "/Emergency/Devices?handler=Register", new() { ["ElderId"] = elder.ToString(), ["Kind"] = "", ["Serial"] = "SN 1" }))
        {
            var doc = new HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.StartsWith("请选择设备类型", doc.GetElementById("kind-error")!.TextContent.Trim());
            Assert.Equal("true", doc.GetElementById("serial")!.GetAttribute("aria-invalid"));
            Assert.Null(doc.GetElementById("issued"));
        }
        string secret;
        using (var ok = await op.PostForm(url, "/Emergency/Devices?handler=Register",
                   new() { ["ElderId"] = elder.ToString(), ["Kind"] = "gas-detector", ["Serial"] = "GAS-" + Guid.NewGuid().ToString("N")[..8], ["InstalledAt"] = "厨房" }))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.True(ok.Headers.CacheControl?.NoStore, "the page with the secret is never stored");
            var doc = new HtmlParser().ParseDocument(await ok.Content.ReadAsStringAsync());
            secret = doc.GetElementById("secret")!.GetAttribute("value")!;
            Assert.True(DeviceSecrets.LooksValid(secret));
            Assert.Contains("厨房", doc.GetElementById("devices")!.TextContent);
        }
        var list = await op.GetStringAsync(url);
        Assert.DoesNotContain(secret, list); // shown once
        var deviceId = new HtmlParser().ParseDocument(list).QuerySelector("#devices tr[data-device]")!.GetAttribute("data-device")!;
        using (var beat = await DeviceClient(secret).PostAsync("/api/devices/heartbeat",
                   new StringContent($"{{\"deviceId\":{deviceId},\"battery\":90}}", System.Text.Encoding.UTF8, "application/json")))
            await beat.ShouldBe(HttpStatusCode.OK);
        using (var revoke = await op.PostForm(url, "/Emergency/Devices?handler=Revoke", new() { ["DeviceId"] = deviceId, ["ElderId"] = elder.ToString(), ["Reason"] = "老人搬家" }))
            Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Contains("老人搬家", await op.GetStringAsync(url));
        using (var after = await DeviceClient(secret).PostAsync("/api/devices/heartbeat",
                   new StringContent($"{{\"deviceId\":{deviceId}}}", System.Text.Encoding.UTF8, "application/json")))
            await after.ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [DbFact]
    public async Task The_queue_and_an_incident_page_show_the_alarm_and_take_the_steps()
    {
        var d = await Device();
        var id = await AlarmIncident(d, "p-" + Guid.NewGuid().ToString("N"));
        using var op = await PageClient.LoggedIn(Factory, "operator");
        var queue = new HtmlParser().ParseDocument(await op.GetStringAsync("/Emergency"));
        Assert.Contains("紧急呼叫", queue.QuerySelector($"#incidents tr[data-incident='{id}']")!.TextContent);
        Assert.Empty(queue.QuerySelectorAll("main script, main [style]"));
        var url = $"/Emergency/Incidents/{id}";
        using (var ack = await op.PostForm(url, url + "?handler=Acknowledge", new() { ["Version"] = "0", ["Note"] = "已回拨" }))
            Assert.Equal(HttpStatusCode.Redirect, ack.StatusCode);
        using (var stale = await op.PostForm(url, url + "?handler=Dispatch", new() { ["Version"] = "0", ["ResponderKind"] = "family-contact" }))
        {
            var doc = new HtmlParser().ParseDocument(await stale.Content.ReadAsStringAsync());
            Assert.Contains("已被他人修改", doc.GetElementById("form-error")!.TextContent);
        }
        var page = new HtmlParser().ParseDocument(await op.GetStringAsync(url));
        Assert.Equal("已受理", page.GetElementById("incident-status")!.TextContent.Trim());
        Assert.NotNull(page.GetElementById("dispatch"));
        Assert.Null(page.GetElementById("acknowledge"));

        using var doctor = await PageClient.LoggedIn(Factory, "doctor");
        var readOnly = new HtmlParser().ParseDocument(await doctor.GetStringAsync(url));
        Assert.Null(readOnly.GetElementById("actions"));
        using var other = await PageClient.LoggedIn(Factory, "hbdoctor");
        using var hidden = await other.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [DbFact]
    public async Task The_doctor_sets_thresholds_on_the_page_and_bad_values_stand_beside_their_fields()
    {
        var elder = await JinhuaElder();
        using var doctor = await PageClient.LoggedIn(Factory, "doctor");
        var url = $"/Emergency/Thresholds?elderId={elder}";
        var page = new HtmlParser().ParseDocument(await doctor.GetStringAsync(url));
        Assert.Equal("180", page.GetElementById("systolicHigh")!.GetAttribute("value"));
        Assert.Contains("默认", page.GetElementById("thresholds-state")!.TextContent);
        using (var bad = await doctor.PostForm(url, url, new() { ["ElderId"] = elder.ToString(), ["Form.SystolicHigh"] = "abc", ["Form.PulseLow"] = "10" }))
        {
            var doc = new HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.Equal("请填写数字（留空则取默认值）。", doc.GetElementById("systolicHigh-error")!.TextContent.Trim());
        }
        using (var ok = await doctor.PostForm(url, url, new() { ["ElderId"] = elder.ToString(), ["Form.SystolicHigh"] = "160", ["Form.GlucoseHigh"] = "15.0" }))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var after = new HtmlParser().ParseDocument(await doctor.GetStringAsync(url));
        Assert.Equal("160", after.GetElementById("systolicHigh")!.GetAttribute("value"));
        Assert.Equal("15.0", after.GetElementById("glucoseHigh")!.GetAttribute("value"));
        Assert.Contains("已单独设置", after.GetElementById("thresholds-state")!.TextContent);
        using var op = await PageClient.LoggedIn(Factory, "operator");
        using var denied = await op.GetAsync(url);
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class EmergencyPageTestsSqlite(SqliteAppFixture f) : EmergencyPageTests(f);

[Collection(PostgresCollection.Name)]
public sealed class EmergencyPageTestsPostgres(PostgresAppFixture f) : EmergencyPageTests(f), IPostgresTests;
