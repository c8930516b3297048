using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yiyang.Modules.Organizations;
using Yiyang.Platform.Audit;
using Yiyang.Platform.Data;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Identifiers;
using Yiyang.Platform.Regions;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.Elders;

/// <summary>
/// Seam for the date of each elder's last home visit, used by the 台账; implemented by the home-care module
/// (HomeVisitHistory), so the elder registry does not depend on it.
/// </summary>
public interface IVisitHistory
{
    Task<IReadOnlyDictionary<long, DateOnly>> LastVisitDatesAsync(IReadOnlyCollection<long> elderIds, CancellationToken ct);
}

/// <summary>Settings of the elder registry.</summary>
public sealed class ElderOptions
{
    /// <summary>Flags that put an elder on the home-bound ledger (001 §二(一)1); codes of <see cref="RiskFlagCatalog"/>.</summary>
    public List<string> LedgerFlags { get; set; } = ["disabled", "dementia", "oldest-old", "disability", "living-alone"];
    public int MaxPageSize { get; set; } = 200;
}

/// <summary>The elder registry's use cases. Pages and API both call these; neither holds rules.</summary>
public sealed class ElderService(
    YiyangDb db, CurrentUser user, PiiProtector pii, RegionCatalog regions, AuditTrail audit, TimeProvider clock,
    IVisitHistory visits, Microsoft.Extensions.Options.IOptions<ElderOptions> options,
    Microsoft.Extensions.Options.IOptions<ListOptions> lists)
{

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    public byte[] IdHash(string normalized) => pii.Hash(ElderRecord.IdHashPurpose, normalized);

    public async Task<Elder> RegisterAsync(ElderInput input, CancellationToken ct)
    {
        RequireWriter();
        var v = ElderValidation.Validate(input, regions, Today, idRequired: true);
        var orgId = await ResolveOrganizationAsync(v.ResponsibleOrganizationId, ct);
        var hash = IdHash(v.Id!.Normalized);
        var existing = await db.Elders.AsNoTracking().Where(e => e.IdNumberHash == hash).Select(e => (long?)e.Id).FirstOrDefaultAsync(ct);
        if (existing is { } existingId) throw Duplicate(existingId);

        var now = clock.GetUtcNow();
        var elder = ElderRecord.Create(v, orgId, pii, now);
        db.Elders.Add(elder);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // registered concurrently by someone else: report the one that won
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var winner = await db.Elders.AsNoTracking().Where(x => x.IdNumberHash == hash).Select(x => x.Id).FirstAsync(ct);
            throw Duplicate(winner);
        }
        db.TimelineEvents.Add(Event(elder.Id, "elder.registered", "登记为服务对象"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await audit.RecordAsync("elder.create", "elder", elder.Id.ToString(), elder.Id);
        return elder;
    }

    /// <summary>
    /// The edit page never shows personal fields in clear, so an empty phone, address or contact list there means
    /// "keep what is stored".
    /// </summary>
    public Task<Elder> UpdateKeepingHiddenFieldsAsync(long id, ElderInput input, CancellationToken ct) =>
        UpdateAsync(id, input, null, ct, keepMissingPersonalFields: true);

    public async Task<Elder> UpdateAsync(long id, ElderInput input, int? ifMatchVersion, CancellationToken ct,
        bool keepMissingPersonalFields = false)
    {
        RequireWriter();
        var elder = await LoadInScopeAsync(id, ct);
        Etags.CheckVersion(elder.Version, ifMatchVersion, input.Version);

        var v = ElderValidation.Validate(input, regions, Today, idRequired: false);
        if (v.Id is null && elder.BirthDate.AddYears(80) <= Today) v = v with { Flags = v.Flags | RiskFlags.OldestOld };
        if (keepMissingPersonalFields)
        {
            v = v with
            {
                Phone = v.Phone ?? pii.DecryptOrNull(elder.PhoneCipher),
                Address = v.Address ?? pii.DecryptOrNull(elder.AddressCipher),
                Contacts = v.Contacts.Count > 0 || elder.ContactsCipher is null ? v.Contacts : ReadContacts(elder.ContactsCipher),
            };
        }
        var orgId = await ResolveOrganizationAsync(v.ResponsibleOrganizationId, ct);
        if (v.Id is not null)
        {
            var hash = IdHash(v.Id.Normalized);
            if (!hash.AsSpan().SequenceEqual(elder.IdNumberHash))
            {
                var other = await db.Elders.AsNoTracking().Where(e => e.IdNumberHash == hash && e.Id != id).Select(e => (long?)e.Id).FirstOrDefaultAsync(ct);
                if (other is { } otherId) throw Duplicate(otherId);
                elder.IdNumberHash = hash;
            }
        }
        var changed = Describe(elder, v, orgId);
        ElderRecord.Fill(elder, v, orgId, pii);
        elder.UpdatedAt = clock.GetUtcNow();
        elder.Version++;
        db.TimelineEvents.Add(Event(elder.Id, "elder.edited", changed.Count == 0 ? "修改档案（无实质变化）" : "修改档案：" + string.Join("、", changed)));
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("elder.update", "elder", elder.Id.ToString(), elder.Id, changed.Count == 0 ? null : "fields=" + string.Join(",", changed));
        return elder;
    }

    private List<string> Describe(Elder e, ValidElder v, long? orgId)
    {
        var changed = new List<string>();
        if (e.Name != v.Name) changed.Add("姓名");
        if (v.Id is not null && pii.Decrypt(e.IdNumberCipher) != v.Id.Normalized) changed.Add("身份证号");
        if (pii.DecryptOrNull(e.PhoneCipher) != v.Phone) changed.Add("电话");
        if (pii.DecryptOrNull(e.AddressCipher) != v.Address) changed.Add("地址");
        if (e.TownshipCode != v.TownshipCode) changed.Add("乡镇（街道）");
        if (e.InsuranceType != v.InsuranceType) changed.Add("医保类型");
        if (e.HealthCardNo != v.HealthCardNo) changed.Add("居民健康卡");
        if (e.Flags != v.Flags) changed.Add("风险标识");
        if (e.ResponsibleOrganizationId != orgId) changed.Add("责任机构");
        if (e.ContactCount != v.Contacts.Count || (e.ContactsCipher is not null && pii.Decrypt(e.ContactsCipher) != ElderRecord.ContactsJson(v.Contacts)))
            changed.Add("联系人");
        return changed;
    }

    private async Task<long?> ResolveOrganizationAsync(long? requested, CancellationToken ct)
    {
        if (Roles.InstitutionStaff.Contains(user.Role))
        {
            // staff register elders for their own organization only
            if (requested is { } r && r != user.OrganizationId)
                throw new ValidationFailedException(new Dictionary<string, string[]> { ["responsibleOrganizationId"] = ["只能登记本机构负责的服务对象。"] });
            return user.OrganizationId;
        }
        if (requested is { } id && !await db.Organizations.AnyAsync(o => o.Id == id, ct))
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["responsibleOrganizationId"] = ["责任机构不存在。"] });
        return requested;
    }

    private static ConflictException Duplicate(long existingId)
    {
        var e = new ConflictException("duplicate-id-number", "该身份证号码已登记，请勿重复登记。");
        e.Extensions["existingId"] = existingId;
        return e;
    }

    private void RequireWriter()
    {
        if (!Policies.Map[Policies.EldersWrite].Contains(user.Role)) throw new ForbiddenException();
    }

    private TimelineEvent Event(long elderId, string kind, string summary) =>
        TimelineEvent.Create(elderId, clock.GetUtcNow(), kind, "elders", summary, user.IsAuthenticated ? user.UserName : "system");

    /// <summary>Loads an elder the user may see, tracked for update; anything else is a 404.</summary>
    public async Task<Elder> LoadInScopeAsync(long id, CancellationToken ct) =>
        await ElderScope.Apply(db.Elders, user, forWrite: true).FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException("未找到该服务对象，或您无权查看。");

    public async Task<ElderDetail> GetAsync(long id, CancellationToken ct)
    {
        // one round trip: the record and its responsible organization's name
        var row = await ElderScope.Apply(db.Elders.AsNoTracking(), user).Where(x => x.Id == id)
                      .Select(x => new { Elder = x, OrgName = db.Organizations.Where(o => o.Id == x.ResponsibleOrganizationId).Select(o => o.Name).FirstOrDefault() })
                      .FirstOrDefaultAsync(ct)
                  ?? throw new NotFoundException("未找到该服务对象，或您无权查看。");
        var (e, orgName) = (row.Elder, row.OrgName);
        await audit.RecordAsync("elder.view", "elder", e.Id.ToString(), e.Id, wait: false);
        var contacts = e.ContactsCipher is null ? [] : ReadContacts(e.ContactsCipher)
            .Select(c => new ContactView(Masking.Name(c.Name ?? ""), c.Relation, c.Phone is null ? null : Masking.Phone(c.Phone))).ToList();
        return new ElderDetail(e.Id, e.Name, CodeLists.SexName(e.Sex), e.BirthDate, e.AgeOn(Today), e.IdNumberMasked, e.PhoneMasked,
            e.AddressMasked, contacts, e.TownshipCode, regions.FullName(e.TownshipCode), e.InsuranceType,
            e.InsuranceType is null ? null : CodeLists.InsuranceTypes.GetValueOrDefault(e.InsuranceType), e.HealthCardNo,
            RiskFlagCatalog.Codes(e.Flags), RiskFlagCatalog.Names(e.Flags), e.ResponsibleOrganizationId, orgName,
            e.CreatedAt, e.UpdatedAt, e.Version);
    }

    private List<ContactInput> ReadContacts(byte[] cipher) => ElderRecord.ReadContacts(cipher, pii);

    public async Task<RevealResult> RevealAsync(long id, RevealRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var field = (request.Field ?? "").Trim();
        if (field is not ("idNumber" or "phone" or "address" or "contacts"))
            errors.Add("field", "只能查看身份证号（idNumber）、电话（phone）、地址（address）或联系人（contacts）。");
        // a reason is free text: whatever in it looks like an ID or phone number is masked before it is stored
        var reason = Masking.Scrub((request.Reason ?? "").Trim());
        if (reason.Length < 2) errors.Add("reason", "请填写查看原因（至少 2 个字）。");
        else if (reason.Length > 200) errors.Add("reason", "查看原因最多 200 个字。");
        errors.ThrowIfAny();

        var e = await ElderScope.Apply(db.Elders.AsNoTracking(), user).FirstOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException("未找到该服务对象，或您无权查看。");
        if (!Policies.MayReveal(user.Role, field))
        {
            await audit.RecordAsync("elder.reveal.denied", "elder", e.Id.ToString(), e.Id, $"field={field}");
            throw new ForbiddenException("您的角色不能查看该项完整信息。");
        }
        var fieldName = field switch { "idNumber" => "身份证号", "phone" => "电话", "address" => "地址", _ => "联系人" };
        db.TimelineEvents.Add(Event(e.Id, "elder.revealed", $"查看完整{fieldName}，原因：{reason}"));
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("elder.reveal", "elder", e.Id.ToString(), e.Id, $"field={field}; reason={reason}");
        return field switch
        {
            "idNumber" => new RevealResult(field, pii.Decrypt(e.IdNumberCipher), null),
            "phone" => new RevealResult(field, pii.DecryptOrNull(e.PhoneCipher), null),
            "address" => new RevealResult(field, pii.DecryptOrNull(e.AddressCipher), null),
            _ => new RevealResult(field, null, e.ContactsCipher is null ? [] :
                ReadContacts(e.ContactsCipher).Select(c => new ContactView(c.Name ?? "", c.Relation, c.Phone)).ToList()),
        };
    }

    public async Task<PagedList<ElderListItem>> ListAsync(ElderQuery query, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = query.Page ?? 1;
        var size = query.PageSize ?? 20;
        if (page < 1) errors.Add("page", "页码从 1 开始。");
        if (size < 1 || size > options.Value.MaxPageSize) errors.Add("pageSize", $"每页条数应在 1–{options.Value.MaxPageSize} 之间。");
        RiskFlags? flag = null;
        if (!string.IsNullOrWhiteSpace(query.Flag))
        {
            flag = RiskFlagCatalog.Parse(query.Flag.Trim());
            if (flag is null) errors.Add("flag", "未知的风险标识。");
        }
        var regionCode = query.RegionCode?.Trim();
        if (!string.IsNullOrEmpty(regionCode) && regions.Find(regionCode) is null) errors.Add("regionCode", "行政区划代码不存在。");
        errors.ThrowIfAny();

        var q = ElderScope.Apply(db.Elders.AsNoTracking(), user);
        if (!string.IsNullOrEmpty(regionCode))
        {
            q = regionCode.Length switch
            {
                9 => q.Where(e => e.TownshipCode == regionCode),
                6 => q.Where(e => e.CountyCode == regionCode),
                _ => q.Where(e => e.CountyCode.StartsWith(regionCode)),
            };
        }
        if (flag is { } f)
        {
            var bits = (int)f;
            q = f == RiskFlags.OldestOld
                ? q.Where(e => ((int)e.Flags & bits) != 0 || e.BirthDate <= Today.AddYears(-80))
                : q.Where(e => ((int)e.Flags & bits) != 0);
        }
        var text = query.Q?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            var asId = ChineseIdNumber.TryParse(text, Today, out _);
            var asPhone = ElderValidation.NormalizePhone(text, out var phoneErr);
            if (asId is not null)
            {
                var h = IdHash(asId.Normalized);
                q = q.Where(e => e.IdNumberHash == h);
            }
            else if (asPhone is not null && phoneErr is null)
            {
                var h = pii.Hash(ElderRecord.PhoneHashPurpose, asPhone);
                q = q.Where(e => e.PhoneHash == h);
            }
            else
            {
                q = q.Where(e => e.Name.StartsWith(text));
            }
        }
        var rows = await q.OrderBy(e => e.Name).ThenBy(e => e.Id).Skip((page - 1) * size).Take(size)
            .Select(e => new { e.Id, e.Name, e.Sex, e.BirthDate, e.IdNumberMasked, e.PhoneMasked, e.TownshipCode, e.Flags, e.ResponsibleOrganizationId })
            .ToListAsync(ct);
        // counted only when the page is full (a one-character surname in a city district, or an official's unfiltered
        // list, matches tens of thousands: up to the cap); a search by ID number needs no second statement
        var (total, capped) = await Paging.TotalAsync(q, page, size, rows.Count, lists.Value.MaxCountedResults, ct);
        var today = Today;
        var items = rows.Select(e => new ElderListItem(e.Id, e.Name, CodeLists.SexName(e.Sex), Age(e.BirthDate, today), e.IdNumberMasked,
            e.PhoneMasked, e.TownshipCode, regions.Find(e.TownshipCode)?.Name ?? e.TownshipCode, RiskFlagCatalog.Codes(e.Flags),
            e.ResponsibleOrganizationId)).ToList();
        if (!string.IsNullOrEmpty(text))
            await audit.RecordAsync("elder.search", "elder", null, null, $"results={total}{(capped ? "+" : "")}", wait: false);
        return new PagedList<ElderListItem>(items, total, page, size, capped);
    }


    public static int Age(DateOnly birth, DateOnly today)
    {
        var age = today.Year - birth.Year;
        if (today < birth.AddYears(age)) age--;
        return age;
    }

    public async Task<IReadOnlyList<TimelineItem>> TimelineAsync(long id, CancellationToken ct)
    {
        if (!await ElderScope.Apply(db.Elders.AsNoTracking(), user).AnyAsync(e => e.Id == id, ct))
            throw new NotFoundException("未找到该服务对象，或您无权查看。");
        await audit.RecordAsync("elder.timeline.view", "elder", id.ToString(), id, wait: false);
        var rows = await db.TimelineEvents.AsNoTracking().Where(t => t.ElderId == id)
            .OrderByDescending(t => t.At).ThenByDescending(t => t.Id).Take(500).ToListAsync(ct);
        return rows.Select(t => new TimelineItem(t.At, t.Kind, t.Module, t.Summary, t.Actor)).ToList();
    }

    /// <summary>Counts for the home page, within the user's scope.</summary>
    public async Task<ElderStats> StatsAsync(CancellationToken ct)
    {
        var groups = await ElderScope.Apply(db.Elders.AsNoTracking(), user)
            .GroupBy(e => new { e.TownshipCode, e.Flags })
            .Select(g => new { g.Key.TownshipCode, g.Key.Flags, Count = g.Count() })
            .ToListAsync(ct);
        var cutoff = Today.AddYears(-80);
        var aged = await ElderScope.Apply(db.Elders.AsNoTracking(), user).CountAsync(e => e.BirthDate <= cutoff, ct);
        var byTownship = groups.GroupBy(g => g.TownshipCode).OrderBy(g => g.Key)
            .Select(g => (g.Key, regions.Find(g.Key)?.Name ?? g.Key, g.Sum(x => x.Count))).ToList();
        var byFlag = RiskFlagCatalog.All
            .Select(f => (f.Code, f.Name, groups.Where(g => g.Flags.HasFlag(f.Flag)).Sum(g => g.Count))).ToList();
        return new ElderStats(groups.Sum(g => g.Count), aged, byTownship, byFlag);
    }

    /// <summary>台账: home-bound elders of a township (flags from settings) with the date of their last visit.</summary>
    public async Task<IReadOnlyList<LedgerItem>> LedgerAsync(string townshipCode, CancellationToken ct)
    {
        if (!regions.IsTownship(townshipCode))
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["townshipCode"] = ["请选择一个乡镇（街道）。"] });
        var bits = options.Value.LedgerFlags.Select(c => RiskFlagCatalog.Parse(c) ?? RiskFlags.None).Aggregate(RiskFlags.None, (a, b) => a | b);
        var mask = (int)bits;
        var cutoff80 = Today.AddYears(-80);
        var includeAge = bits.HasFlag(RiskFlags.OldestOld);
        var rows = await ElderScope.Apply(db.Elders.AsNoTracking(), user)
            .Where(e => e.TownshipCode == townshipCode && (((int)e.Flags & mask) != 0 || (includeAge && e.BirthDate <= cutoff80)))
            .OrderBy(e => e.Name).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.Name, e.Sex, e.BirthDate, e.PhoneMasked, e.Flags })
            .ToListAsync(ct);
        var last = await visits.LastVisitDatesAsync(rows.Select(r => r.Id).ToList(), ct);
        var today = Today;
        await audit.RecordAsync("elder.ledger.view", "township", townshipCode, null, $"rows={rows.Count}", wait: false);
        return rows.Select(r =>
        {
            DateOnly? lv = last.TryGetValue(r.Id, out var d) ? d : null;
            var flags = r.Flags | (r.BirthDate <= cutoff80 ? RiskFlags.OldestOld : RiskFlags.None);
            return new LedgerItem(r.Id, r.Name, CodeLists.SexName(r.Sex), Age(r.BirthDate, today), r.PhoneMasked,
                RiskFlagCatalog.Names(flags & (bits | RiskFlags.OldestOld)), lv, lv is { } x ? today.DayNumber - x.DayNumber : null);
        }).ToList();
    }
}
