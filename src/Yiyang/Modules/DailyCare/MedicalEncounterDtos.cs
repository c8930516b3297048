using Yiyang.Modules.HomeVisits;

namespace Yiyang.Modules.DailyCare;

public sealed record OrderDto(int LineNo, string Kind, string KindName, string Text, string? Drug, string? Dose);

public sealed record EncounterDto(long Id, long StayId, long ElderId, DateTimeOffset SeenAt, string Complaint, VitalsInput Vitals, string? Findings,
    IReadOnlyList<OrderDto> Orders, string Disposition, string DispositionName, string? ReferralLink, string RecordedBy);

public static class MedicalEncounterMapping
{
    public static EncounterDto ToDto(MedicalEncounter e) =>
        new(e.Id, e.StayId, e.ElderId, e.SeenAt, e.Complaint, new VitalsInput(e.Systolic, e.Diastolic, e.Pulse, e.Temperature, e.Glucose, e.Spo2, e.Weight),
            e.Findings, e.Orders.OrderBy(o => o.LineNo).Select(o => new OrderDto(o.LineNo, EncounterRules.OrderKindCode(o.Kind), EncounterRules.OrderKindName(o.Kind),
                o.Text, o.Drug, o.Dose)).ToList(),
            EncounterRules.DispositionCode(e.Disposition), EncounterRules.DispositionName(e.Disposition), EncounterRules.ReferralLink(e.Disposition, e.ElderId),
            e.RecordedBy);
}
