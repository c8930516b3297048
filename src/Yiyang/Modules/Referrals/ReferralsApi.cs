namespace Yiyang.Modules.Referrals;

/// <summary>The referral routes, one use case each.</summary>
public static class ReferralsApi
{
    public static void MapReferrals(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/referrals").WithTags("Referrals").RequireAuthorization(ReferralPolicies.Use).WithETags();
        CreateReferral.Map(api);
        ListReferrals.Map(api);
        GetReferralStats.Map(app);
        GetReferral.Map(api);
        AcceptReferral.Map(api);
        RejectReferral.Map(api);
        WithdrawReferral.Map(api);
        RecordReferralArrival.Map(api);
        CompleteReferral.Map(api);
        ReturnReferral.Map(api);
        OpenSickbedFromReferral.Map(api);
        AdmitFromReferral.Map(api);
        AddReferralAttachment.Map(api);
        DownloadReferralAttachment.Map(api);
    }
}
