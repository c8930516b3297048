namespace Yiyang.Modules.Referrals;

/// <summary>Two-way referrals (双向转诊) between care homes, community centres and hospitals.</summary>
public sealed class ReferralsModule : YiyangModule
{
    public override void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<Targets.IIndicator, ReferralTimeliness>();
        services.AddScoped<ReferralAccess>();
        services.AddScoped<ReferralTransitions>();
        services.AddScoped<ReferralFollowUp>();
        services.AddScoped<ReferralTargets>();
        services.AddScoped<CreateReferral>();
        services.AddScoped<ListReferrals>();
        services.AddScoped<GetReferralStats>();
        services.AddScoped<GetReferral>();
        services.AddScoped<AcceptReferral>();
        services.AddScoped<RejectReferral>();
        services.AddScoped<WithdrawReferral>();
        services.AddScoped<RecordReferralArrival>();
        services.AddScoped<CompleteReferral>();
        services.AddScoped<ReturnReferral>();
        services.AddScoped<OpenSickbedFromReferral>();
        services.AddScoped<AdmitFromReferral>();
        services.AddScoped<AddReferralAttachment>();
        services.AddScoped<DownloadReferralAttachment>();
        services.AddScoped<Assessments.Records.IReassessmentTriggers, ReferralReassessmentTriggers>(); // 出院下转
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapReferrals();
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.ApplyConfiguration(new ReferralConfiguration());
        model.ApplyConfiguration(new ReferralAttachmentConfiguration());
    }

    public override IReadOnlyDictionary<string, string[]> PolicyRoles { get; } = new Dictionary<string, string[]>
    {
        // two-way referral: the sending and the receiving organization's staff; statistics also for regulators
        [ReferralPolicies.Use] = [Roles.CityOperator, Roles.Doctor, Roles.Nurse, Roles.Caregiver, Roles.InstitutionAdmin],
        [ReferralPolicies.Stats] = [Roles.CityOperator, Roles.Regulator, Roles.Doctor, Roles.Nurse, Roles.Caregiver, Roles.InstitutionAdmin],
        [ReferralPolicies.AnyOrganization] = [Roles.CityOperator],
        [ReferralPolicies.OwnOrganization] = [.. Roles.InstitutionStaff],
        [ReferralPolicies.RegionStats] = [Roles.Regulator],
    };
}
