namespace Yiyang.Modules.Supervision;

/// <summary>
/// Supervision of 医养结合 institutions by the bureaus (双随机、一公开, docs/domain/supervision.md) and the working-day
/// calendar every deadline counts on (docs/domain/working-days.md).
/// </summary>
public sealed class SupervisionModule : YiyangModule
{
    public override void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.Configure<SupervisionOptions>(config.GetSection("Supervision"));
        services.Configure<LicensingOptions>(config.GetSection("Supervision:Licensing"));
        services.AddLicensing();
        services.AddScoped<WorkingDays>();
        services.AddScoped<AddWorkingDays>();
        services.AddScoped<ListCalendars>();
        services.AddScoped<GetCalendar>();
        services.AddScoped<SaveCalendar>();
        services.AddScoped<InspectorAccess>();
        services.AddScoped<ListInspectors>();
        services.AddScoped<SetInspectorCertificate>();
        services.AddScoped<RecordConflict>();
        services.AddScoped<ListConflicts>();
        services.AddScoped<SupervisionLists>();
        services.AddScoped<PlanAccess>();
        services.AddScoped<CreatePlan>();
        services.AddScoped<ListPlans>();
        services.AddScoped<GetPlan>();
        services.AddScoped<DrawPlan>();
        services.AddScoped<GetDraw>();
        services.AddScoped<ChecklistQueries>();
        services.AddScoped<ListChecklists>();
        services.AddScoped<GetChecklist>();
        services.AddScoped<SaveChecklist>();
        services.AddScoped<ListMyAssignments>();
        services.AddScoped<InspectionAccess>();
        services.AddScoped<InspectionQueries>();
        services.AddScoped<StartInspection>();
        services.AddScoped<GetInspection>();
        services.AddScoped<RecordResults>();
        services.AddScoped<AddInspectionPhoto>();
        services.AddScoped<DownloadInspectionPhoto>();
        services.AddScoped<SignInspection>();
        services.AddScoped<FinishInspection>();
        services.AddScoped<FindingAccess>();
        services.AddScoped<CreateFinding>();
        services.AddScoped<GetFinding>();
        services.AddScoped<ListFindings>();
        services.AddScoped<RespondToFinding>();
        services.AddScoped<AddFindingEvidence>();
        services.AddScoped<DownloadFindingEvidence>();
        services.AddScoped<RecheckFinding>();
        services.AddScoped<InspectionHistory>();
        services.AddScoped<PublishResult>();
        services.AddScoped<ListResults>();
        services.AddScoped<PublicInspectionResults>();
        services.AddScoped<Organizations.IOrganizationPageLink, InspectionHistoryLink>(); // 检查记录 on the organization's page
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapSupervision();
        app.MapLicensing();
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.ApplyConfiguration(new WorkingDayCalendarConfiguration());
        model.ApplyConfiguration(new WorkingDayCalendarDayConfiguration());
        model.ApplyConfiguration(new InspectorCertificateConfiguration());
        model.ApplyConfiguration(new InspectorConflictConfiguration());
        model.ApplyConfiguration(new InspectionPlanConfiguration());
        model.ApplyConfiguration(new InspectionDrawConfiguration());
        model.ApplyConfiguration(new InspectionAssignmentConfiguration());
        model.ApplyConfiguration(new ChecklistTemplateConfiguration());
        model.ApplyConfiguration(new ChecklistItemConfiguration());
        model.ApplyConfiguration(new InspectionConfiguration());
        model.ApplyConfiguration(new InspectionItemConfiguration());
        model.ApplyConfiguration(new SupervisionFileConfiguration());
        model.ApplyConfiguration(new FindingConfiguration());
        model.ApplyConfiguration(new InspectionPublicationConfiguration());
        model.ApplyConfiguration(new LicenceApplicationConfiguration());
        model.ApplyConfiguration(new LicenceDocumentConfiguration());
        model.ApplyConfiguration(new LicenceConfiguration());
    }

    public override IReadOnlyDictionary<string, string[]> PolicyRoles { get; } = new Dictionary<string, string[]>
    {
        [SupervisionPolicies.WorkingDays] = [.. Roles.All],
        [SupervisionPolicies.ManageCalendar] = [Roles.PlatformAdmin],
        [SupervisionPolicies.Plan] = [Roles.Regulator],
        [SupervisionPolicies.ManageInspectors] = [Roles.Regulator],
        [SupervisionPolicies.Inspect] = [Roles.Inspector],
        [SupervisionPolicies.ReadChecklists] = [Roles.Regulator, Roles.Inspector],
        [SupervisionPolicies.ReadInspections] = [Roles.Regulator, Roles.Inspector, Roles.InstitutionAdmin],
        [SupervisionPolicies.AnswerFindings] = [Roles.InstitutionAdmin],
        [SupervisionPolicies.LicensingRead] = [Roles.Regulator, Roles.InstitutionAdmin],
        [SupervisionPolicies.LicensingApply] = [Roles.Regulator, Roles.InstitutionAdmin],
        [SupervisionPolicies.LicensingDecide] = [Roles.Regulator],
    };
}
