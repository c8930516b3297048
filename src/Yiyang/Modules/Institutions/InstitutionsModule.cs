namespace Yiyang.Modules.Institutions;

/// <summary>Beds, stays, leave, bed conversion, admission by ID number and the public free-beds list.</summary>
public sealed class InstitutionsModule : YiyangModule
{
    public override void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<Targets.IIndicator, NursingBedShare>();
        services.AddScoped<Targets.IIndicator, LargeCareHomesWithMedicalRoom>();
        services.AddScoped<InstitutionAccess>();
        services.AddScoped<CreateBed>();
        services.AddScoped<ListBeds>();
        services.AddScoped<GetOccupancy>();
        services.Configure<InstitutionOptions>(config.GetSection("Institutions"));
        services.AddScoped<AdmissionMissLimit>();
        services.AddScoped<AdmissionReviews>();
        services.AddScoped<AdmitElder>();
        services.AddScoped<CheckInStay>();
        services.AddScoped<ListAdmissionNotices>();
        services.AddScoped<ReadAdmissionNotice>();
        services.AddScoped<ListAdmissionReviews>();
        services.AddScoped<ReviewAdmission>();
        services.AddScoped<Elders.IContactRevealGuard, UnconfirmedAdmissionGuard>();
        services.AddScoped<GetStay>();
        services.AddScoped<TransferBed>();
        services.AddScoped<DischargeResident>();
        services.AddScoped<StartLeave>();
        services.AddScoped<ReturnFromLeave>();
        services.AddScoped<ListLeaves>();
        services.AddScoped<RequestConversion>();
        services.AddScoped<DecideConversion>();
        services.AddScoped<ListConversions>();
        services.AddScoped<InstitutionService>(); // what other modules use (referral admission)
        services.AddScoped<Assessments.Records.IReassessmentTriggers, DischargeReassessmentTriggers>(); // 医疗床位出院
        services.AddMemoryCache(); // the public free-beds list keeps its answers 60 s
        services.AddScoped<FreeBedsService>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapInstitutions();
        app.MapFreeBeds(); // GET /api/public/institutions/free-beds (anonymous)
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.ApplyConfiguration(new InstitutionBedConfiguration());
        model.ApplyConfiguration(new InstitutionStayConfiguration());
        model.ApplyConfiguration(new AdmissionReviewConfiguration());
        model.ApplyConfiguration(new AdmissionMissConfiguration());
        InstitutionCareModel.Configure(model);
    }

    public override IReadOnlyDictionary<string, string[]> PolicyRoles { get; } = new Dictionary<string, string[]>
    {
        [InstitutionPolicies.Write] = [Roles.CityOperator, Roles.InstitutionAdmin, Roles.Doctor, Roles.Nurse, Roles.Caregiver],
        // bed conversion (床位转换): regulators decide, the bureau checked per request (DecideConversion)
        [InstitutionPolicies.BedConversionDecide] = [Roles.Regulator],
        [InstitutionPolicies.AllInstitutions] = [Roles.CityOperator],
        // admissions by ID card of elders registered elsewhere: reviewed by the region's regulators
        [InstitutionPolicies.AdmissionReview] = [Roles.Regulator],
    };
}
