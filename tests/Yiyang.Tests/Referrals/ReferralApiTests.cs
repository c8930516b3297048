using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Modules.Referrals;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;
using JsonApi = Yiyang.Tests.Infrastructure.Api;

namespace Yiyang.Tests.Referrals;

public abstract class ReferralApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Base = "/api/referrals";
    private const string Hospital = "铜川市王益区人民医院（铜川市中医医院）";
    private const string HospitalDoctor = "hospdoctor";

    private Task<long> HospitalId() => OrgId(Hospital);

    private static object UpBody(long elderId, long toOrg, string indication = "fall-fracture") => new
    {
        direction = "up",
        elderId,
        toOrganizationId = toOrg,
        toDepartment = "骨科",
        indication,
        reason = "跌倒后右髋疼痛，不能站立",
        urgency = "urgent",
        initialImpression = "右股骨颈骨折？",
        presentHistory = "今晨跌倒后右髋疼痛 3 小时。",
        pastHistory = "高血压 10 年。",
        treatmentSoFar = "制动、冷敷。",
    };

    private static object ReturnBody() => new
    {
        indication = "post-operative",
        diagnosis = "右股骨颈骨折（术后）",
        inpatientNo = "ZY2026112301",
        mainResults = "X 线：右股骨颈骨折，已内固定。",
        treatmentCourse = "住院 10 天，行内固定术。",
        nextStepAdvice = "术后 6 周内不负重，每周换药一次，指导康复训练。",
    };

    /// <summary>An elder of 金华 (the doctor's organization) with a known name.</summary>
    private async Task<(long Id, string Name)> JinhuaElder(string? name = null)
    {
        var n = name ?? TestData.Name("转");
        var e = await CreateElder(ElderBody(id: TestData.IdNumberBornOn(new DateOnly(1950, 3, 1), male: true), name: n, orgId: await JinhuaId()));
        return (e.Id(), n);
    }

    private async Task<JsonNode> Refer(long elderId, string user = "doctor") =>
        await (await As(user)).PostJson(Base, UpBody(elderId, await HospitalId()), HttpStatusCode.Created);

    private static Task<HttpResponseMessage> Act(HttpClient c, long id, string action, object? body = null) =>
        c.PostAsJsonAsync($"{Base}/{id}/{action}", body ?? new { }, JsonApi.Json);

    private async Task<JsonNode> Timeline(long elderId) => await (await As("city")).GetJson($"/api/elders/{elderId}/timeline");

    [DbFact]
    public async Task An_up_referral_goes_up_is_returned_with_advice_and_completes_when_the_sender_takes_over()
    {
        var (elderId, name) = await JinhuaElder();
        var hospital = await HospitalId();
        var jinhua = await JinhuaId();
        var doctor = await As("doctor");
        var hosp = await As(HospitalDoctor);

        var created = await Refer(elderId);
        var id = created.Id();
        Assert.Equal("requested", (string)created["status"]!);
        Assert.Equal("申请", (string)created["statusName"]!);
        Assert.Equal(jinhua, (long)created["from"]!["id"]!);
        Assert.Equal(hospital, (long)created["to"]!["id"]!);
        Assert.Equal("跌倒疑似骨折", (string)created["indicationName"]!);
        Assert.Equal("sender", (string)created["side"]!);
        Assert.Equal(["withdraw"], created["actions"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(name, (string)created["elder"]!["name"]!);

        // the hospital sees it in its inbox with the elder's masked name, age and sex and the clinical summary
        var inbox = await hosp.GetJson($"{Base}?box=inbox&status=requested");
        var item = inbox["items"]!.AsArray().Single(i => i!.Id() == id)!;
        Assert.Equal(Masked(name), (string)item["elderMaskedName"]!);
        Assert.NotNull(item["waitingMinutes"]);
        var seen = await hosp.GetJson($"{Base}/{id}");
        Assert.Equal(Masked(name), (string)seen["elder"]!["name"]!);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        Assert.Equal(today.Year - 1950 - (today < new DateOnly(today.Year, 3, 1) ? 1 : 0), (int)seen["elder"]!["age"]!);
        Assert.Equal("男", (string)seen["elder"]!["sexName"]!);
        Assert.Equal("右股骨颈骨折？", (string)seen["initialImpression"]!);
        Assert.Equal("receiver", (string)seen["side"]!);
        Assert.Equal(["accept", "reject"], seen["actions"]!.AsArray().Select(a => (string)a!));
        Assert.DoesNotContain(name, seen.ToJsonString());
        Assert.DoesNotContain(name, inbox.ToJsonString());

        var accepted = await hosp.PostJson($"{Base}/{id}/accept", new { receivingDoctor = "刘医生" }, HttpStatusCode.OK);
        Assert.Equal("accepted", (string)accepted["status"]!);
        Assert.NotNull(accepted["minutesToAccept"]);
        Assert.Equal("刘医生", (string)accepted["receivingDoctor"]!);
        var arrived = await hosp.PostJson($"{Base}/{id}/arrive", new { }, HttpStatusCode.OK);
        Assert.Equal("arrived", (string)arrived["status"]!);
        Assert.NotNull(arrived["minutesToArrive"]);
        Assert.Null(arrived["waitingMinutes"]);

        // 回转单: a down-referral back to 金华, linked to the up-referral
        var down = await hosp.PostJson($"{Base}/{id}/return", ReturnBody(), HttpStatusCode.Created);
        var downId = down.Id();
        Assert.Equal("down", (string)down["direction"]!);
        Assert.Equal(id, (long)down["parentReferralId"]!);
        Assert.Equal(hospital, (long)down["from"]!["id"]!);
        Assert.Equal(jinhua, (long)down["to"]!["id"]!);
        Assert.Equal("community", (string)down["destination"]!); // 金华 is a community health centre, not a care home
        Assert.Equal("术后 6 周内不负重，每周换药一次，指导康复训练。", (string)down["nextStepAdvice"]!);
        var upNow = await doctor.GetJson($"{Base}/{id}");
        Assert.Equal("returned", (string)upNow["status"]!);
        Assert.Equal(downId, (long)upNow["returnReferralId"]!);

        // a second 回转单 is refused
        using (var again = await Act(hosp, id, "return", ReturnBody()))
            Assert.Equal("illegal-transition", (string)(await again.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);

        // the sender receives the down-referral in its inbox, takes the patient back and completes: the up-referral completes too
        var doctorInbox = await doctor.GetJson($"{Base}?box=inbox&direction=down");
        Assert.Contains(doctorInbox["items"]!.AsArray(), i => i!.Id() == downId);
        await doctor.PostJson($"{Base}/{downId}/accept", new { }, HttpStatusCode.OK);
        await doctor.PostJson($"{Base}/{downId}/arrive", new { }, HttpStatusCode.OK);
        var done = await doctor.PostJson($"{Base}/{downId}/complete", new { note = "已建立家庭病床随访" }, HttpStatusCode.OK);
        Assert.Equal("completed", (string)done["status"]!);
        var upDone = await doctor.GetJson($"{Base}/{id}");
        Assert.Equal("completed", (string)upDone["status"]!);
        Assert.NotNull(upDone["completedAt"]);
        Assert.Empty(upDone["actions"]!.AsArray());

        var summaries = (await Timeline(elderId)).AsArray().Select(e => (string)e!["summary"]!).ToList();
        Assert.Contains(summaries, s => s.StartsWith("上转申请（紧急）", StringComparison.Ordinal));
        Assert.Contains(summaries, s => s.Contains("已接收上转", StringComparison.Ordinal));
        Assert.Contains(summaries, s => s.StartsWith("已到达", StringComparison.Ordinal));
        Assert.Contains(summaries, s => s.StartsWith("回转：", StringComparison.Ordinal));
        Assert.Contains(summaries, s => s.StartsWith("下转完成", StringComparison.Ordinal));
        Assert.Contains(summaries, s => s.StartsWith("双向转诊闭环完成", StringComparison.Ordinal));

        // every transition and the reads are audited
        var actions = await Factory.WithScope(async sp => await sp.GetRequiredService<YiyangDb>().AuditEntries.AsNoTracking()
            .Where(a => a.SubjectType == "referral" && (a.SubjectId == id.ToString() || a.SubjectId == downId.ToString()))
            .Select(a => a.Action).ToListAsync());
        foreach (var a in new[] { "referrals.create", "referrals.read", "referrals.accept", "referrals.arrive", "referrals.return", "referrals.complete" })
            Assert.Contains(a, actions);
    }

    private static string Masked(string name) => name[..1] + "**";

    [DbFact]
    public async Task Illegal_transitions_are_409_with_a_Chinese_message_and_change_nothing()
    {
        var (elderId, _) = await JinhuaElder();
        var id = (await Refer(elderId)).Id();
        var hosp = await As(HospitalDoctor);
        var doctor = await As("doctor");

        using (var r = await Act(hosp, id, "arrive"))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.Conflict);
            Assert.Equal("illegal-transition", (string)p["code"]!);
            Assert.Equal("该转诊当前状态为“申请”，不能登记到达。请先接收该转诊。", (string)p["detail"]!);
        }
        using (var r = await Act(hosp, id, "return", ReturnBody()))
            Assert.Contains("患者尚未到达", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["detail"]!);
        // the sender may not accept its own referral; the receiver may not withdraw it
        using (var r = await Act(doctor, id, "accept"))
            Assert.Equal("只有接收机构可以接收。", (string)(await r.ShouldBeProblem(HttpStatusCode.Forbidden))["detail"]!);
        using (var r = await Act(hosp, id, "withdraw"))
            await r.ShouldBeProblem(HttpStatusCode.Forbidden);

        await hosp.PostJson($"{Base}/{id}/accept", new { }, HttpStatusCode.OK);
        using (var r = await Act(doctor, id, "withdraw"))
            Assert.Equal("该转诊当前状态为“已接收”，不能撤回。对方已接收，不能再撤回，请与接收机构联系。",
                (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["detail"]!);
        using (var r = await Act(hosp, id, "reject", new { reason = "床位已满" }))
            await r.ShouldBeProblem(HttpStatusCode.Conflict);
        var still = await doctor.GetJson($"{Base}/{id}");
        Assert.Equal("accepted", (string)still["status"]!);
        Assert.Null(still["rejectReason"]);

        // a stale If-Match is 412
        using var req = new HttpRequestMessage(HttpMethod.Post, $"{Base}/{id}/arrive") { Content = JsonContent.Create(new { }) };
        req.Headers.TryAddWithoutValidation("If-Match", "W/\"0\"");
        using (var r = await hosp.SendAsync(req)) await r.ShouldBeProblem(HttpStatusCode.PreconditionFailed);
    }

    [DbFact]
    public async Task Rejection_needs_a_reason_and_withdrawal_is_the_senders_until_acceptance()
    {
        var (elderId, _) = await JinhuaElder();
        var hosp = await As(HospitalDoctor);
        var doctor = await As("doctor");
        var first = (await Refer(elderId)).Id();
        using (var r = await Act(hosp, first, "reject", new { reason = "  " }))
            Assert.Equal(["请填写拒绝原因。"], (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("reason"));
        Assert.Equal("requested", (string)(await doctor.GetJson($"{Base}/{first}"))["status"]!);
        var rejected = await hosp.PostJson($"{Base}/{first}/reject", new { reason = "本院骨科床位已满，建议转市人民医院" }, HttpStatusCode.OK);
        Assert.Equal("rejected", (string)rejected["status"]!);
        Assert.Equal("本院骨科床位已满，建议转市人民医院", (string)rejected["rejectReason"]!);

        var second = (await Refer(elderId)).Id();
        var withdrawn = await doctor.PostJson($"{Base}/{second}/withdraw", new { reason = "家属决定自行就医" }, HttpStatusCode.OK);
        Assert.Equal("withdrawn", (string)withdrawn["status"]!);
        using (var r = await Act(hosp, second, "accept"))
            Assert.Equal("该转诊当前状态为“已撤回”，不能接收。", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["detail"]!);

        var outbox = await doctor.GetJson($"{Base}?box=outbox&status=rejected");
        Assert.Contains(outbox["items"]!.AsArray(), i => i!.Id() == first);
        Assert.All(outbox["items"]!.AsArray(), i => Assert.Equal("rejected", (string)i!["status"]!));
    }

    [DbFact]
    public async Task Concurrent_accept_and_withdraw_let_exactly_one_win()
    {
        var (elderId, _) = await JinhuaElder();
        var hosp = await As(HospitalDoctor);
        var doctor = await As("doctor");
        for (var round = 0; round < 3; round++)
        {
            var id = (await Refer(elderId)).Id();
            var responses = await Task.WhenAll(Act(hosp, id, "accept"), Act(doctor, id, "withdraw"), Act(hosp, id, "accept"));
            foreach (var r in responses)
                using (r)
                    Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            var final = (string)(await doctor.GetJson($"{Base}/{id}"))["status"]!;
            Assert.Contains(final, new[] { "accepted", "withdrawn" });
        }
    }

    [DbFact]
    public async Task Only_the_two_organizations_see_a_referral()
    {
        var (elderId, name) = await JinhuaElder();
        var id = (await Refer(elderId)).Id();

        // a third organization's doctor, a care-home caregiver: not found, in any box, and cannot act
        foreach (var user in new[] { "hbdoctor", "caregiver" })
        {
            var c = await As(user);
            using (var r = await c.GetAsync($"{Base}/{id}")) await r.ShouldBeProblem(HttpStatusCode.NotFound);
            using (var r = await Act(c, id, "accept")) await r.ShouldBeProblem(HttpStatusCode.NotFound);
            using (var r = await c.GetAsync($"{Base}/{id}/attachments/1")) await r.ShouldBeProblem(HttpStatusCode.NotFound);
            foreach (var box in new[] { "inbox", "outbox" })
                Assert.DoesNotContain((await c.GetJson($"{Base}?box={box}&pageSize=200"))["items"]!.AsArray(), i => i!.Id() == id);
        }
        // staff cannot open another organization's boxes
        using (var r = await (await As("hbdoctor")).GetAsync($"{Base}?box=inbox&organizationId={await HospitalId()}"))
            await r.ShouldBeProblem(HttpStatusCode.NotFound);
        // regulators, the call centre and the security admin have no access to referrals themselves
        foreach (var user in new[] { "wjw", "operator", "security" })
            using (var r = await (await As(user)).GetAsync($"{Base}/{id}"))
                Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var anonymous = Factory.Anonymous())
        using (var r = await anonymous.GetAsync($"{Base}/{id}"))
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);

        // the hospital may read the referral, but the elder stays outside its scope
        var hosp = await As(HospitalDoctor);
        await hosp.GetJson($"{Base}/{id}");
        using (var r = await hosp.GetAsync($"/api/elders/{elderId}")) await r.ShouldBeProblem(HttpStatusCode.NotFound);
        // the platform admin sees everything, with the full name
        Assert.Equal(name, (string)(await (await As("city")).GetJson($"{Base}/{id}"))["elder"]!["name"]!);
    }

    [DbFact]
    public async Task Bad_input_is_400_per_field_in_Chinese_and_stores_nothing()
    {
        var (elderId, _) = await JinhuaElder();
        var doctor = await As("doctor");
        var count = await Count(elderId);

        using (var r = await doctor.PostAsJsonAsync(Base, new { direction = "sideways", reason = "" }, JsonApi.Json))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            foreach (var f in new[] { "direction", "elderId", "toOrganizationId", "indication", "reason" })
                Assert.True(JsonApi.IsChinese(p.FieldErrors(f)[0]), f);
        }
        // an up-referral without the 转出单's impression and history; a down indication on an up-referral
        using (var r = await doctor.PostAsJsonAsync(Base, new { direction = "up", elderId, toOrganizationId = await HospitalId(), indication = "palliative", reason = "x" }, JsonApi.Json))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.Equal(["请填写初步印象。"], p.FieldErrors("initialImpression"));
            Assert.Equal(["请填写主要现病史。"], p.FieldErrors("presentHistory"));
            Assert.Equal(["“晚期肿瘤等需安宁疗护”不是上转的指征。"], p.FieldErrors("indication"));
        }
        // up to a care home
        using (var r = await doctor.PostAsJsonAsync(Base, UpBody(elderId, await OrgId("王益区社会福利院")), JsonApi.Json))
            Assert.Contains("医疗卫生机构", (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("toOrganizationId")[0]);
        // to itself
        using (var r = await doctor.PostAsJsonAsync(Base, UpBody(elderId, await JinhuaId()), JsonApi.Json))
            Assert.Equal(["接收机构不能是转出机构本身。"], (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("toOrganizationId"));
        // a down-referral without destination, diagnosis and advice
        using (var r = await doctor.PostAsJsonAsync(Base, new { direction = "down", elderId, toOrganizationId = await OrgId("王益区社会福利院"), indication = "stable", reason = "稳定" }, JsonApi.Json))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.NotEmpty(p.FieldErrors("destination"));
            Assert.Equal(["请填写诊断结果。"], p.FieldErrors("diagnosis"));
            Assert.Equal(["请填写下一步治疗方案及康复建议。"], p.FieldErrors("nextStepAdvice"));
        }
        // an elder outside the sender's scope
        var hidden = (await CreateElder(ElderBody(township: OtherDistrictTownship))).Id();
        using (var r = await doctor.PostAsJsonAsync(Base, UpBody(hidden, await HospitalId()), JsonApi.Json))
            await r.ShouldBeProblem(HttpStatusCode.NotFound);
        Assert.Equal(count, await Count(elderId));

        // a stand-alone down-referral to a care home is fine
        var down = await doctor.PostJson(Base, new
        {
            direction = "down",
            elderId,
            toOrganizationId = await OrgId("王益区社会福利院"),
            destination = "care-home",
            indication = "rehab-nursing",
            reason = "需长期护理",
            diagnosis = "脑梗死恢复期",
            nextStepAdvice = "康复训练，每日两次",
        }, HttpStatusCode.Created);
        Assert.Equal("养老机构", (string)down["destinationName"]!);
        Assert.Null(down["initialImpression"]);
    }

    [DbFact]
    public async Task A_care_home_refers_its_resident_up()
    {
        var welfare = await OrgId("王益区社会福利院");
        var admin = await As("city");
        var elderId = (await CreateElder(ElderBody(township: "610202006"))).Id();
        var bed = await admin.PostJson($"/api/institutions/{welfare}/beds",
            new { ward = "W" + Guid.NewGuid().ToString("N")[..8], room = "101", number = "1", kind = "nursing" }, HttpStatusCode.Created);
        await admin.PostJson($"/api/institutions/{welfare}/admissions", new { elderId, bedId = bed.Id() }, HttpStatusCode.Created);

        var caregiver = await As("caregiver");
        var r = await caregiver.PostJson(Base, UpBody(elderId, await HospitalId(), "severe-infection"), HttpStatusCode.Created);
        Assert.Equal(welfare, (long)r["from"]!["id"]!);
        Assert.Equal("sender", (string)r["side"]!);
        // a resident of another institution is not the care home's to refer
        var other = (await CreateElder(ElderBody(township: "610202006"))).Id();
        using (var refused = await caregiver.PostAsJsonAsync(Base, UpBody(other, await HospitalId()), JsonApi.Json))
            await refused.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    private Task<int> Count(long elderId) => Factory.WithScope(sp =>
        sp.GetRequiredService<YiyangDb>().Set<Referral>().CountAsync(r => r.ElderId == elderId));

    [DbFact]
    public async Task Attachments_are_stored_with_a_size_limit_and_read_by_both_sides()
    {
        var (elderId, _) = await JinhuaElder();
        var id = (await Refer(elderId)).Id();
        var doctor = await As("doctor");
        var pdf = "%PDF-1.4 检查报告"u8.ToArray();
        var a = await doctor.PostJson($"{Base}/{id}/attachments",
            new { fileName = "胸片报告.pdf", contentType = "application/pdf", contentBase64 = Convert.ToBase64String(pdf) }, HttpStatusCode.Created);
        Assert.Equal(pdf.Length, (int)a["sizeBytes"]!);

        var seen = await (await As(HospitalDoctor)).GetJson($"{Base}/{id}");
        var meta = seen["attachments"]!.AsArray().Single()!;
        Assert.Equal("胸片报告.pdf", (string)meta["fileName"]!);
        Assert.Equal("application/pdf", (string)meta["contentType"]!);
        var bytes = await (await As(HospitalDoctor)).GetByteArrayAsync($"{Base}/{id}/attachments/{a.Id()}");
        Assert.Equal(pdf, bytes);

        using (var r = await doctor.PostAsJsonAsync($"{Base}/{id}/attachments",
                   new { fileName = "a.exe", contentType = "application/x-msdownload", contentBase64 = Convert.ToBase64String(pdf) }, JsonApi.Json))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("contentType"));
        var big = new byte[ReferralAttachment.MaxBytes + 1];
        using (var r = await doctor.PostAsJsonAsync($"{Base}/{id}/attachments",
                   new { fileName = "big.png", contentType = "image/png", contentBase64 = Convert.ToBase64String(big) }, JsonApi.Json))
            Assert.Equal(["附件不能超过 2 MB。"], (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("contentBase64"));
        using (var r = await doctor.PostAsJsonAsync($"{Base}/{id}/attachments",
                   new { fileName = "x.png", contentType = "image/png", contentBase64 = "不是base64" }, JsonApi.Json))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("contentBase64"));
        // the content decides, not the declared type: a script sent as a PDF, a PDF sent as a JPEG
        using (var r = await doctor.PostAsJsonAsync($"{Base}/{id}/attachments",
                   new { fileName = "报告.pdf", contentType = "application/pdf", contentBase64 = Convert.ToBase64String("#!/bin/sh\nrm -rf /"u8.ToArray()) }, JsonApi.Json))
            Assert.Equal(["附件内容不是 PDF 文件，请上传真实的 PDF、JPEG 或 PNG 文件。"], (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("contentBase64"));
        using (var r = await doctor.PostAsJsonAsync($"{Base}/{id}/attachments",
                   new { fileName = "照片.jpg", contentType = "image/jpeg", contentBase64 = Convert.ToBase64String(pdf) }, JsonApi.Json))
            Assert.Equal(["附件内容不是 JPEG 文件，请上传真实的 PDF、JPEG 或 PNG 文件。"], (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("contentBase64"));
        Assert.Single((await doctor.GetJson($"{Base}/{id}"))["attachments"]!.AsArray());
    }

    [DbFact]
    public async Task Stats_count_both_sides_and_compute_response_times_by_hand()
    {
        // three referrals in January 2020 (China time), a month no other test uses
        var jinhua = await JinhuaId();
        var hospital = await HospitalId();
        var (elderId, _) = await JinhuaElder();
        var t = new DateTimeOffset(2020, 1, 10, 9, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();
        await Factory.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            Referral R(ReferralDirection dir, long from, long to, ReferralStatus s, DateTimeOffset at, int? accept, int? arrive) => new()
            {
                Direction = dir,
                Status = s,
                ElderId = elderId,
                FromOrganizationId = from,
                ToOrganizationId = to,
                Destination = dir == ReferralDirection.Down ? "community" : null,
                Indication = dir == ReferralDirection.Up ? "specialist" : "stable",
                Reason = "统计测试",
                Urgency = ReferralUrgency.Routine,
                RequestedAt = at,
                UpdatedAt = at,
                AcceptedAt = accept is { } a ? at.AddMinutes(a) : null,
                ArrivedAt = arrive is { } v ? at.AddMinutes(v) : null,
                RejectedAt = s == ReferralStatus.Rejected ? at.AddMinutes(5) : null,
                RejectReason = s == ReferralStatus.Rejected ? "无床位" : null,
                CompletedAt = s == ReferralStatus.Completed ? at.AddDays(1) : null,
                TownshipCode = Township,
                CountyCode = "610202",
                CreatedByUser = "test",
            };
            db.AddRange(
                R(ReferralDirection.Up, jinhua, hospital, ReferralStatus.Completed, t, 10, 70),
                R(ReferralDirection.Up, jinhua, hospital, ReferralStatus.Arrived, t.AddDays(3), 30, 150),
                R(ReferralDirection.Up, jinhua, hospital, ReferralStatus.Rejected, t.AddDays(5), null, null),
                R(ReferralDirection.Up, jinhua, hospital, ReferralStatus.Accepted, t.AddDays(6), 50, null),
                R(ReferralDirection.Down, hospital, jinhua, ReferralStatus.Requested, t.AddDays(7), null, null),
                // outside the period: 1 February 2020, 00:30 China time
                R(ReferralDirection.Up, jinhua, hospital, ReferralStatus.Requested, new DateTimeOffset(2020, 2, 1, 0, 30, 0, TimeSpan.FromHours(8)).ToUniversalTime(), null, null));
            await db.SaveChangesAsync();
            return 0;
        });

        var stats = await (await As("doctor")).GetJson($"{Base}/stats?organizationId={jinhua}&from=2020-01-01&to=2020-01-31");
        var sent = stats["sent"]!;
        Assert.Equal(4, (int)sent["total"]!);
        Assert.Equal(4, (int)sent["up"]!);
        Assert.Equal(3, (int)sent["accepted"]!);
        Assert.Equal(1, (int)sent["rejected"]!);
        Assert.Equal(0.75m, (decimal)sent["acceptanceRate"]!);          // 3 / (3 + 1)
        Assert.Equal(30.0, (double)sent["averageMinutesToAccept"]!);     // (10 + 30 + 50) / 3
        Assert.Equal(30.0, (double)sent["medianMinutesToAccept"]!);
        Assert.Equal(110.0, (double)sent["averageMinutesToArrive"]!);    // (70 + 150) / 2
        Assert.Equal(110.0, (double)sent["medianMinutesToArrive"]!);
        Assert.Equal(1, (int)sent["waiting"]!);                          // the accepted one
        Assert.Equal(1, (int)sent["byStatus"]!["completed"]!);
        var received = stats["received"]!;
        Assert.Equal(1, (int)received["total"]!);
        Assert.Equal(1, (int)received["down"]!);
        Assert.Equal(1, (int)received["waiting"]!);
        Assert.Null(received["acceptanceRate"]);

        var hospitalView = await (await As("wjw")).GetJson($"{Base}/stats?organizationId={hospital}&from=2020-01-01&to=2020-01-31");
        Assert.Equal(4, (int)hospitalView["received"]!["total"]!);
        Assert.Equal(1, (int)hospitalView["sent"]!["total"]!);
        // staff may not read another organization's statistics
        using (var r = await (await As("hbdoctor")).GetAsync($"{Base}/stats?organizationId={jinhua}"))
            await r.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var r = await (await As("doctor")).GetAsync($"{Base}/stats?organizationId={jinhua}&from=2020-02-01&to=2020-01-01"))
            await r.ShouldBeProblem(HttpStatusCode.BadRequest);

        // the page shows the same figures to a regulator
        using var page = await PageClient.LoggedIn(Factory, "wjw");
        var html = await page.GetStringAsync($"/Referrals/Stats?organizationId={hospital}&from=2020-01-01&to=2020-01-31");
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.Equal("4（4 / 0）", doc.GetElementById("received-total")!.TextContent);
        Assert.Equal("30 分钟 / 30 分钟", doc.GetElementById("received-accept")!.TextContent);
        using (var r = await (await PageClient.LoggedIn(Factory, "hbdoctor")).GetAsync($"/Referrals/Stats?organizationId={hospital}"))
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
    }

    [DbFact]
    public async Task The_database_refuses_a_rejection_without_reason_and_a_second_live_return()
    {
        var (elderId, _) = await JinhuaElder();
        var hosp = await As(HospitalDoctor);
        var id = (await Refer(elderId)).Id();
        await hosp.PostJson($"{Base}/{id}/accept", new { }, HttpStatusCode.OK);
        await hosp.PostJson($"{Base}/{id}/arrive", new { }, HttpStatusCode.OK);
        await hosp.PostJson($"{Base}/{id}/return", ReturnBody(), HttpStatusCode.Created);
        var jinhua = await JinhuaId();
        var hospital = await HospitalId();

        async Task<bool> Refused(string sql, params object[] args) => await Factory.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            try
            {
                await db.Database.ExecuteSqlRawAsync(sql, args);
                return false;
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Npgsql.PostgresException)
            {
                return true;
            }
        });
        object At() => Provider == DatabaseProvider.Sqlite ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(DateTimeOffset.UtcNow)! : DateTimeOffset.UtcNow;
        const string Insert = "INSERT INTO referrals_referral (direction, status, elder_id, from_organization_id, to_organization_id, destination, parent_referral_id, " +
                              "indication, reason, urgency, requested_at, rejected_at, reject_reason, township_code, county_code, created_by_user, updated_at, version) VALUES ";
        // rejected, but no reason
        Assert.True(await Refused(Insert + "(1, 6, {0}, {1}, {2}, NULL, NULL, 'specialist', 'x', 1, {3}, {3}, NULL, '610202002', '610202', 'raw', {3}, 0)",
            elderId, jinhua, hospital, At()));
        // a second live 回转单 for the same up-referral
        Assert.True(await Refused(Insert + "(2, 1, {0}, {1}, {2}, 'community', {3}, 'stable', 'x', 1, {4}, NULL, NULL, '610202002', '610202', 'raw', {4}, 0)",
            elderId, hospital, jinhua, id, At()));
        // an up-referral to itself
        Assert.True(await Refused(Insert + "(1, 1, {0}, {1}, {1}, NULL, NULL, 'specialist', 'x', 1, {2}, NULL, NULL, '610202002', '610202', 'raw', {2}, 0)",
            elderId, jinhua, At()));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReferralApiTestsSqlite(SqliteAppFixture f) : ReferralApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ReferralApiTestsPostgres(PostgresAppFixture f) : ReferralApiTests(f), IPostgresTests;
