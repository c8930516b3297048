namespace Yiyang.Modules.Institutions;

/// <summary>The routes of residents and beds: beds, admission, stays, leave and bed conversion.</summary>
public static class InstitutionsApi
{
    public static void MapInstitutions(this IEndpointRouteBuilder app)
    {
        var institutions = app.MapGroup("/api/institutions").WithTags("Institutions").RequireAuthorization(InstitutionPolicies.Write).WithETags();
        CreateBed.Map(institutions);          // POST /{orgId}/beds
        ListBeds.Map(institutions);           // GET  /{orgId}/beds
        GetOccupancy.Map(institutions);       // GET  /{orgId}/occupancy
        AdmitElder.Map(institutions);         // POST /{orgId}/admissions
        GetStay.Map(institutions);            // GET  /stays/{id}
        TransferBed.Map(institutions);        // POST /stays/{id}/transfer
        DischargeResident.Map(institutions);  // POST /stays/{id}/discharge
        StartLeave.Map(institutions);         // POST /stays/{id}/leaves
        ReturnFromLeave.Map(institutions);    // POST /stays/{id}/leaves/return
        ListLeaves.Map(institutions);         // GET  /stays/{id}/leaves
        CheckInStay.Map(institutions);        // POST /stays/{id}/check-in
        RequestConversion.Map(institutions);  // POST /beds/{bedId}/conversions

        var conversions = app.MapGroup("/api/institutions/conversions").WithTags("Institutions").WithETags();
        ListConversions.Map(conversions);     // GET  (institution staff and regulators)
        DecideConversion.Map(conversions);    // POST /{id}/approve, /{id}/reject (regulators)

        // admissions by ID card of elders registered elsewhere (docs/domain/institutions.md#admission-safeguards)
        var notices = app.MapGroup("/api/institutions/admission-notices").WithTags("Institutions").RequireAuthorization(InstitutionPolicies.Write).WithETags();
        ListAdmissionNotices.Map(notices);    // GET  (the registering organization)
        ReadAdmissionNotice.Map(notices);     // POST /{id}/read
        var reviews = app.MapGroup("/api/institutions/admission-reviews").WithTags("Institutions").RequireAuthorization(InstitutionPolicies.AdmissionReview).WithETags();
        ListAdmissionReviews.Map(reviews);    // GET  ?open=true (regulators of the region)
        ReviewAdmission.Map(reviews);         // POST /{id}/review
    }
}
