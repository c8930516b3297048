namespace Yiyang.Modules.FamilyDoctor;

/// <summary>The routes of the family-doctor module (/api/family-doctor): one use case per line.</summary>
public static class FamilyDoctorApi
{
    public static void MapFamilyDoctor(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/family-doctor").WithTags("FamilyDoctor").RequireAuthorization(FamilyDoctorPolicies.Read).WithETags();

        // teams
        ListTeams.Map(g);          // GET  /teams
        CreateTeam.Map(g);         // POST /teams
        GetTeam.Map(g);            // GET  /teams/{id}
        UpdateTeam.Map(g);         // PUT  /teams/{id}

        // packages
        ListPackages.Map(g);       // GET  /packages
        CreatePackage.Map(g);      // POST /packages
        GetPackage.Map(g);         // GET  /packages/{id}
        UpdatePackage.Map(g);      // PUT  /packages/{id}

        // contracts
        ListContracts.Map(g);      // GET  /contracts
        SignContract.Map(g);       // POST /contracts
        GetContract.Map(g);        // GET  /contracts/{id}
        TerminateContract.Map(g);  // POST /contracts/{id}/terminate
        RenewContract.Map(g);      // POST /contracts/{id}/renew

        GetCoverage.Map(g);        // GET  /coverage
    }
}
