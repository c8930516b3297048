namespace Yiyang.Modules.DailyCare;

/// <summary>The routes of daily care in institutions, medical-room encounters and infection-control zoning: one use case each.</summary>
public static class DailyCareApi
{
    public static void MapDailyCare(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/daily-care").WithTags("DailyCare").RequireAuthorization(DailyCarePolicies.Record).WithETags();
        GetInstitutionChecklist.Map(g);
        GetStayChecklist.Map(g);
        RecordDailyCare.Map(g);
        CorrectCareRecord.Map(g);
        GetCareCompletion.Map(g);

        var m = app.MapGroup("/api/daily-care/stays/{stayId:long}/encounters").WithTags("DailyCare").RequireAuthorization(DailyCarePolicies.Medical);
        RecordEncounter.Map(m);
        ListEncounters.Map(m);

        // the zoning read carries no ETag: only the save answers with one (UpdateZoning)
        var z = app.MapGroup("/api/daily-care/institutions/{orgId:long}/zoning").WithTags("DailyCare");
        GetZoning.Map(z);
        UpdateZoning.Map(z);
    }
}
