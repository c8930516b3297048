namespace Yiyang.Modules.Institutions;

/// <summary>Institution records as answers.</summary>
public static class InstitutionMapping
{
    public static string Label(InstitutionBed b) => $"{b.Ward} {b.Room} {b.Number}床";

    public static StayDto ToDto(InstitutionStay st, string elderName, InstitutionBed bed) =>
        new(st.Id, st.OrganizationId, st.ElderId, elderName, st.BedId, Label(bed), BedRules.KindCode(bed.Kind), st.AdmittedOn, st.CareLevel,
            st.DischargedOn, st.DischargeReason is { } r ? BedRules.ReasonCode(r) : null, st.DischargeReason is { } r2 ? BedRules.ReasonName(r2) : null,
            st.Version, st.ContractNumber, st.ContractStartOn, st.ContractEndOn);

    public static LeaveDto ToDto(InstitutionLeave l, DateOnly today) =>
        new(l.Id, l.StayId, l.ElderId, LeaveRules.KindCode(l.Kind), LeaveRules.KindName(l.Kind), l.StartOn, l.ExpectedReturnOn, l.ReturnedOn, l.Note,
            l.ReturnedOn is null && LeaveRules.Overdue(l.ExpectedReturnOn, today), l.Version);

    public static ConversionDto ToDto(BedConversion c, InstitutionBed b) =>
        new(c.Id, c.BedId, c.OrganizationId, Label(b), BedRules.KindCode(b.Kind), BedRules.KindCode(c.FromUse), BedRules.KindCode(c.ToUse),
            BedRules.KindName(c.ToUse), c.Reason, ConversionRules.StatusCode(c.Status), ConversionRules.StatusName(c.Status), ConversionRules.Bureau(c.ToUse),
            c.DecidedBy, c.DecisionNote, c.Version);
}
