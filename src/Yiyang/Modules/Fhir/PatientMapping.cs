using Yiyang.Modules.Elders;
using Yiyang.Platform.Identifiers;
using R4 = Hl7.Fhir.Model;

namespace Yiyang.Modules.Fhir;

/// <summary>
/// 服务对象 → Patient, masked as the elder API masks for the caller (docs/fhir.md#patient): identifiers, phone and
/// address as their masks (labelled MASKED), the birth date only for roles that may see it (<see cref="Masking.BirthDate"/>),
/// else the age.
/// </summary>
public sealed class PatientMapping(CurrentUser user, RegionCatalog regions, TimeProvider clock)
{
    public R4.Patient Map(Elder e)
    {
        var p = new R4.Patient
        {
            Id = FhirMapping.Id(e.Id),
            Meta = FhirMapping.Meta(e.Version, e.UpdatedAt),
            Active = true,
            Gender = e.Sex switch
            {
                Sex.Male => R4.AdministrativeGender.Male,
                Sex.Female => R4.AdministrativeGender.Female,
                _ => R4.AdministrativeGender.Unknown,
            },
        };
        p.Identifier.Add(FhirMapping.Identifier(FhirMapping.ElderIdSystem, FhirMapping.Id(e.Id), "一人一档编号", R4.Identifier.IdentifierUse.Usual));
        p.Identifier.Add(FhirMapping.Identifier(FhirMapping.CitizenIdSystem, e.IdNumberMasked, "居民身份证号", R4.Identifier.IdentifierUse.Official));
        if (e.HealthCardShown is { } card) p.Identifier.Add(FhirMapping.Identifier(FhirMapping.HealthCardSystem, card, "居民健康卡号"));
        p.Name.Add(new R4.HumanName { Use = R4.HumanName.NameUse.Official, Text = e.Name });
        if (Masking.BirthDate(e.BirthDate, user) is { } birth)
            p.BirthDate = birth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        else
        {
            p.BirthDateElement = FhirMapping.Masked(new R4.Date());
            p.Extension.Add(new R4.Extension(FhirMapping.AgeExtension, new R4.Age
            {
                Value = e.AgeOn(clock.ChinaToday()),
                Unit = "岁",
                System = "http://unitsofmeasure.org",
                Code = "a",
            }));
        }
        if (e.PhoneMasked is { } phone)
            p.Telecom.Add(new R4.ContactPoint(R4.ContactPoint.ContactPointSystem.Phone, R4.ContactPoint.ContactPointUse.Mobile, phone));
        p.Address.Add(FhirMapping.Address(regions, e.TownshipCode, e.AddressMasked));
        p.Address[0].Use = R4.Address.AddressUse.Home;
        if (e.ResponsibleOrganizationId is { } org) p.ManagingOrganization = FhirMapping.Reference("Organization", org);
        FhirMapping.LabelMasked(p);
        return p;
    }
}
