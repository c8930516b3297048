using Yiyang.Modules.Elders;

namespace Yiyang.Modules.FamilyDoctor;

/// <summary>What signing and renewing share: who signs, the term, the team and package, and the elder's one active contract.</summary>
public sealed class ContractSigning(YiyangDb db, CurrentUser user, FamilyDoctorAccess access, TimeProvider clock)
{
    public sealed record Signing(SignedBy By, string? ProxyName, string? ProxyRelation);

    public static Signing ValidateSigning(string? signedBy, string? proxyName, string? proxyRelation, FieldErrors errors)
    {
        var by = (signedBy ?? "self").Trim() switch
        {
            "self" or "本人" => (SignedBy?)SignedBy.Self,
            "proxy" or "家属代签" => SignedBy.Proxy,
            _ => null,
        };
        if (by is null)
        {
            errors.Add("signedBy", "签约方式只能是本人签约（self）或家属代签（proxy）。");
            return new Signing(SignedBy.Self, null, null);
        }
        if (by == SignedBy.Self) return new Signing(SignedBy.Self, null, null);
        var name = (proxyName ?? "").Trim();
        var relation = Masking.Scrub((proxyRelation ?? "").Trim()); // it goes on the timeline
        if (name.Length < 2 || name.Length > 50) errors.Add("proxyName", "家属代签时请填写代签人姓名（2–50 个字）。");
        if (relation.Length == 0 || relation.Length > 20) errors.Add("proxyRelation", "家属代签时请填写代签人与老人的关系（如儿子、女儿）。");
        return new Signing(SignedBy.Proxy, name, relation);
    }

    public static int ValidateTerm(int? termYears, FieldErrors errors)
    {
        var years = termYears ?? ContractRules.DefaultTermYears;
        if (years < 1 || years > ContractRules.MaxTermYears) errors.Add("termYears", $"签约期限应为 1–{ContractRules.MaxTermYears} 年。");
        return years;
    }

    /// <summary>The chosen team and (active) package of one organization; throws every field error collected so far.</summary>
    public async Task<(FamilyDoctorTeam Team, FamilyDoctorPackage Package)> ResolveTeamAndPackageAsync(long? teamId, long? packageId, FieldErrors errors,
        CancellationToken ct)
    {
        FamilyDoctorTeam? team = null;
        FamilyDoctorPackage? package = null;
        if (teamId is null) errors.Add("teamId", "请选择家庭医生团队。");
        else
        {
            team = await db.Set<FamilyDoctorTeam>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, ct);
            if (team is null) errors.Add("teamId", "家庭医生团队不存在。");
            else if (access.OutOfReach(team.OrganizationId)) errors.Add("teamId", "只能选择本机构的家庭医生团队。");
        }
        if (packageId is null) errors.Add("packageId", "请选择签约服务包。");
        else
        {
            package = await db.Set<FamilyDoctorPackage>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == packageId, ct);
            if (package is null || !package.Active) errors.Add("packageId", "服务包不存在或已停用。");
            else if (team is not null && package.OrganizationId != team.OrganizationId) errors.Add("packageId", "服务包不属于该团队所在的机构。");
        }
        errors.ThrowIfAny();
        return (team!, package!);
    }

    public static ConflictException ActiveExists(long? existingId)
    {
        var e = new ConflictException("active-contract", "该老年人已有生效的家庭医生签约，请先解约或办理续约。");
        if (existingId is { } id) e.Extensions["existingId"] = id;
        return e;
    }

    /// <summary>Saves; a lost race for the elder's one active contract (unique index or version) is a 409.</summary>
    public async Task SaveGuardedAsync(UseCaseTransaction tx, long elderId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(e))
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var winner = await db.Set<FamilyDoctorContract>().AsNoTracking()
                .Where(c => c.ElderId == elderId && c.Status == ContractStatus.Active).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
            throw winner is null && e is DbUpdateConcurrencyException ? SaveOrConflict.Concurrency() : ActiveExists(winner);
        }
    }

    public FamilyDoctorContract NewContract(Elder elder, FamilyDoctorTeam team, FamilyDoctorPackage package, DateOnly start, DateOnly end,
        Signing signing, long? previousId)
    {
        var now = clock.GetUtcNow();
        return new FamilyDoctorContract
        {
            ElderId = elder.Id,
            TeamId = team.Id,
            PackageId = package.Id,
            OrganizationId = team.OrganizationId,
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            StartDate = start,
            EndDate = end,
            Status = ContractStatus.Active,
            SignedBy = signing.By,
            ProxyName = signing.ProxyName,
            ProxyRelation = signing.ProxyRelation,
            AnnualFeeYuan = package.AnnualFeeYuan,
            ElderPaysYuan = package.ElderPaysYuan,
            PreviousContractId = previousId,
            SignedByUser = user.IsAuthenticated ? user.UserName : "system",
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}
