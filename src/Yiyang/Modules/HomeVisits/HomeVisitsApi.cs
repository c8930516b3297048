using Yiyang.Modules.FamilyDoctor;

namespace Yiyang.Modules.HomeVisits;

/// <summary>The routes of home visits (/api/home-visits): one use case per line.</summary>
public static class HomeVisitsApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static void MapHomeVisits(this IEndpointRouteBuilder app)
    {
        var visits = app.MapGroup("/api/home-visits").WithTags("HomeCare").RequireAuthorization(FamilyDoctorPolicies.Read).WithETags();

        CreateVisit.Map(visits);     // POST /
        ListVisits.Map(visits);      // GET  /
        GetWorkList.Map(visits);     // GET  /worklist
        GetVisit.Map(visits);        // GET  /{id}
        CheckIn.Map(visits);         // POST /{id}/check-in
        RecordVitals.Map(visits);    // PUT  /{id}/vitals
        RecordService.Map(visits);   // POST /{id}/services/{code}
        CompleteVisit.Map(visits);   // POST /{id}/complete
        PlanVisits.Map(visits);      // POST /plan
    }
}
