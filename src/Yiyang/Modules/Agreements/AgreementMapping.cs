using Yiyang.Modules.Referrals;

namespace Yiyang.Modules.Agreements;

/// <summary>Agreements as the API shows them: the status on today's date and the steps the user may take now.</summary>
public sealed class AgreementMapping(YiyangDb db, AgreementAccess access)
{
    public async Task<List<AgreementDto>> ToDtosAsync(List<Agreement> rows, CancellationToken ct)
    {
        var orgIds = rows.SelectMany(a => new[] { a.MedicalOrganizationId, a.CareOrganizationId }).Distinct().ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var ids = rows.Select(a => a.Id).ToList();
        var attachments = (await db.Set<AgreementAttachment>().AsNoTracking().Where(x => ids.Contains(x.AgreementId)).OrderBy(x => x.Id).ToListAsync(ct))
            .ToLookup(x => x.AgreementId);
        var today = access.Today;
        return rows.Select(a =>
        {
            var status = AgreementRules.StatusOn(a.Status, a.EndOn, today);
            return new AgreementDto(a.Id, new OrgRef(a.MedicalOrganizationId, names[a.MedicalOrganizationId]), new OrgRef(a.CareOrganizationId, names[a.CareOrganizationId]),
                a.StartOn, a.EndOn, a.Items.Split(',').Select(code => new AgreementItemDto(code, AgreementRules.ItemName(code) ?? code)).ToList(),
                a.RoundsPerMonth, a.Fee, a.MedicalDuties, a.CareDuties, AgreementRules.StatusCode(status), AgreementRules.StatusName(status),
                AgreementRules.IsInForce(a.Status, a.StartOn, a.EndOn, today), a.ActivatedAt, a.TerminatedOn, a.TerminateReason,
                attachments[a.Id].Select(x => new AttachmentDto(x.Id, x.FileName, x.Description, x.SizeBytes, x.CreatedByUser, x.CreatedAt)).ToList(),
                Actions(a, today), a.Version);
        }).ToList();
    }

    private List<string> Actions(Agreement a, DateOnly today)
    {
        var actions = new List<string>();
        if (access.MayWrite(a))
        {
            if (AgreementRules.ActivateRefusal(a.Status, a.StartOn, a.EndOn, today) is null) actions.Add("activate");
            if (AgreementRules.TerminateRefusal(a.Status, a.StartOn, a.EndOn, today) is null) actions.Add("terminate");
        }
        return actions;
    }
}
