namespace Yiyang.Modules.Supervision;

/// <summary>
/// Demo licensing in 王益区: a 变更登记 of 七一路 accepted three working days ago (pending, on 卫健's list), a 养老机构备案 of
/// 黄堡镇敬老院 waiting for documents (the clock stopped, on 民政's list), and a 变更登记 of 黄堡镇中心卫生院 approved with
/// a licence that expires within 60 days. Skipped when the working-day calendar does not cover the dates.
/// </summary>
public static class LicensingDemoData
{
    private static readonly byte[] Pdf = "%PDF-1.4\n% demo document\n%%EOF\n"u8.ToArray();

    public static async Task SeedAsync(YiyangDb db, IReadOnlyDictionary<string, long> orgIds, DateTimeOffset now, CancellationToken ct)
    {
        if (!orgIds.TryGetValue("qiyilu", out var qiyilu) || !orgIds.TryGetValue("jingloyuan", out var jingloyuan)
            || !orgIds.TryGetValue("huangbao", out var huangbao)) return;
        var today = now.ChinaDate();
        var calendars = new Dictionary<int, YearCalendar?>();
        var workingDays = new WorkingDays(db);
        for (var y = today.Year - 1; y <= today.Year + 1; y++) calendars[y] = await workingDays.YearAsync(y, ct);
        YearCalendar? Calendar(int y) => calendars.GetValueOrDefault(y);
        var options = new LicensingOptions();
        var ids = new[] { qiyilu, jingloyuan, huangbao };
        var townships = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.TownshipCode, ct);
        LicenceApplication App(long orgId, string kind, DateOnly submittedOn) => NewApplication(orgId, townships[orgId], kind, submittedOn, now);
        try
        {
            // accepted three working days ago, deadline ahead
            var acceptedOn = Back(today, 3, Calendar);
            var pending = App(qiyilu, "medical-change", acceptedOn.AddDays(-1));
            Accept(pending, acceptedOn, options.TimeLimitOf(pending.Kind), Calendar);
            pending.Note = "增设老年医学科，变更诊疗科目。";

            // accepted six working days ago, documents asked for two working days ago: the clock stopped with 4 days used
            var asked = App(jingloyuan, "care-filing", Back(today, 7, Calendar));
            asked.ElderCareBeds = 60;
            Accept(asked, Back(today, 6, Calendar), options.TimeLimitOf(asked.Kind), Calendar);
            var clock = LicensingRules.Stop(new LicensingClock(0, asked.ClockStartedOn, asked.DeadlineOn), Back(today, 2, Calendar), true, Calendar);
            asked.Status = LicensingRules.DocumentsRequested;
            asked.DocumentsRequest = "请补正消防安全检查意见书（或承诺书）原件扫描件。";
            asked.DocumentsRequestedOn = Back(today, 2, Calendar);
            asked.DocumentRequests = 1;
            (asked.DaysUsed, asked.ClockStartedOn, asked.DeadlineOn) = (clock.DaysUsed, clock.RunningSince, clock.DeadlineOn);

            // approved twenty days ago; the licence keeps the validity of the original, ending in 40 days
            var org = await db.Organizations.FirstAsync(o => o.Id == huangbao, ct);
            var approvedOn = today.AddDays(-20);
            var approved = App(huangbao, "medical-change", Back(approvedOn, 6, Calendar));
            approved.MedicalBeds = org.MedicalBeds;
            Accept(approved, Back(approvedOn, 5, Calendar), options.TimeLimitOf(approved.Kind), Calendar);
            approved.Status = LicensingRules.Approved;
            approved.DecidedOn = approvedOn;
            approved.DecidedByUser = "wjw";
            approved.DecisionReason = "材料齐全，符合变更登记条件。";
            db.AddRange(pending, asked, approved);
            await db.SaveChangesAsync(ct);
            foreach (var a in new[] { pending, asked, approved })
                foreach (var d in LicensingKinds.Find(a.Kind)!.Documents.Where(d => a != asked || d.Code != "safety"))
                    db.Add(new LicenceDocument
                    {
                        ApplicationId = a.Id,
                        DocumentType = d.Code,
                        FileName = d.Name + ".pdf",
                        ContentType = "application/pdf",
                        SizeBytes = Pdf.Length,
                        Content = Pdf,
                        RegionCode = a.RegionCode,
                        CreatedByUser = a.SubmittedByUser,
                        CreatedAt = a.SubmittedAt,
                    });
            db.Add(new Licence
            {
                LicenceNo = $"PDY-610202-{approvedOn.Year}-DEMO01",
                Kind = approved.Kind,
                Bureau = approved.Bureau,
                OrganizationId = huangbao,
                ApplicationId = approved.Id,
                RegionCode = approved.RegionCode,
                ValidFrom = today.AddDays(40).AddYears(-5).AddDays(1),
                ValidTo = today.AddDays(40),
                MedicalBeds = org.MedicalBeds,
                IssuedByUser = "wjw",
                IssuedAt = approvedOn.ChinaStartOfDay().AddHours(10),
            });
            await db.SaveChangesAsync(ct);
        }
        catch (BusinessRuleException)
        {
            // nothing was added yet: a year without a calendar: no demo applications rather than guessed deadlines
        }
    }

    /// <summary>A paper application the bureau registered for the organization.</summary>
    private static LicenceApplication NewApplication(long orgId, string township, string kind, DateOnly submittedOn, DateTimeOffset now)
    {
        var k = LicensingKinds.Find(kind)!;
        return new LicenceApplication
        {
            Kind = k.Code,
            Bureau = k.Bureau,
            OrganizationId = orgId,
            RegionCode = township,
            Status = LicensingRules.Submitted,
            OnBehalf = true,
            SubmittedByUser = BureauUser(k.Bureau),
            SubmittedAt = submittedOn.ChinaStartOfDay().AddHours(9),
            SubmittedOn = submittedOn,
            UpdatedAt = now,
            Version = 1,
        };
    }

    private static void Accept(LicenceApplication a, DateOnly on, int limit, Func<int, YearCalendar?> calendars)
    {
        var clock = LicensingRules.Start(on, limit, calendars);
        a.Status = LicensingRules.Accepted;
        a.AcceptedOn = on;
        a.AcceptedByUser = BureauUser(a.Bureau);
        a.TimeLimitWorkingDays = limit;
        a.ClockStartedOn = clock.RunningSince;
        a.DeadlineOn = clock.DeadlineOn;
    }

    private static string BureauUser(string bureau) => bureau == Bureaus.Health ? "wjw" : "mzj";

    /// <summary>The working day <paramref name="days"/> working days before <paramref name="from"/>.</summary>
    private static DateOnly Back(DateOnly from, int days, Func<int, YearCalendar?> calendars)
    {
        var d = from;
        for (var n = 0; n < days;)
        {
            d = d.AddDays(-1);
            if (WorkingDayRules.IsWorkingDay(d, calendars(d.Year) ?? throw WorkingDayRules.Missing(d.Year))) n++;
        }
        return d;
    }
}
