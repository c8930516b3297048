namespace Yiyang.Modules.Elders;

/// <summary>What the registry's use cases share: loading within scope, the responsible organization rule, ID hashes, timeline events.</summary>
public sealed class ElderAccess(YiyangDb db, CurrentUser user, PiiProtector pii, TimeProvider clock)
{
    public static NotFoundException NotFound() => new("未找到该服务对象，或您无权查看。");

    public byte[] IdHash(string normalized) => pii.Hash(ElderRecord.IdHashPurpose, normalized);

    /// <summary>Loads an elder the user may see, tracked for update; anything else is a 404.</summary>
    public async Task<Elder> LoadInScopeAsync(long id, CancellationToken ct) =>
        await ElderScope.Apply(db.Elders, user, forWrite: true).FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw NotFound();

    /// <summary>The responsible organization: institution staff register elders for their own organization only.</summary>
    public async Task<long?> ResolveOrganizationAsync(long? requested, CancellationToken ct)
    {
        if (user.Can(ElderPolicies.OwnOrganizationOnly))
        {
            if (requested is { } r && r != user.OrganizationId)
                throw ValidationFailedException.For("responsibleOrganizationId", "只能登记本机构负责的服务对象。");
            return user.OrganizationId;
        }
        if (requested is { } id && !await db.Organizations.AnyAsync(o => o.Id == id, ct))
            throw ValidationFailedException.For("responsibleOrganizationId", "责任机构不存在。");
        return requested;
    }

    /// <summary>
    /// 409 for an ID number that is already registered. The existing record's id is given only when the user may see
    /// that record: otherwise it would hand out the id of someone out of scope (and confirm who holds the number).
    /// </summary>
    public async Task<ConflictException> DuplicateAsync(long existingId, CancellationToken ct)
    {
        var inScope = await ElderScope.Apply(db.Elders.AsNoTracking(), user).AnyAsync(e => e.Id == existingId, ct);
        var e = new ConflictException("duplicate-id-number",
            inScope ? "该身份证号码已登记，请勿重复登记。" : "该身份证号码已登记（档案不在您的管理范围内），请勿重复登记；如需为其服务，请联系其责任机构。");
        if (inScope) e.Extensions["existingId"] = existingId;
        return e;
    }

    public TimelineEvent Event(long elderId, string kind, string summary) =>
        TimelineEvent.Create(elderId, clock.GetUtcNow(), kind, "elders", summary, user.IsAuthenticated ? user.UserName : "system");

    public List<ContactInput> ReadContacts(byte[] cipher) => ElderRecord.ReadContacts(cipher, pii);

    public static int Age(DateOnly birth, DateOnly today)
    {
        var age = today.Year - birth.Year;
        if (today < birth.AddYears(age)) age--;
        return age;
    }
}
