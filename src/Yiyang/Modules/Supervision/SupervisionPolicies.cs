namespace Yiyang.Modules.Supervision;

/// <summary>The permissions of supervision (双随机、一公开) and of the working-day calendar.</summary>
public static class SupervisionPolicies
{
    /// <summary>Reads the working-day calendars and computes working-day deadlines (every signed-in role).</summary>
    public const string WorkingDays = "supervision.working-days";

    /// <summary>Enters and corrects the yearly holiday calendars (the platform admin: configuration, no personal data).</summary>
    public const string ManageCalendar = "supervision.calendar.manage";

    /// <summary>Makes inspection plans, draws and reads them (the bureaus' regulators; nobody else sees drafts).</summary>
    public const string Plan = "supervision.plans";

    /// <summary>Keeps the inspector list of their bureau: certificates and conflicts of interest (the bureaus' regulators).</summary>
    public const string ManageInspectors = "supervision.inspectors";

    /// <summary>Sees and (later) records the inspections they were drawn for (the inspectors, 监督员).</summary>
    public const string Inspect = "supervision.inspect";

    /// <summary>Reads the checklists (regulators, and the inspectors who inspect with them).</summary>
    public const string ReadChecklists = "supervision.checklists.read";

    /// <summary>Reads inspections: the drawn inspectors (drafts too), the plan's regulators and the organization's admin (finished ones).</summary>
    public const string ReadInspections = "supervision.inspections.read";

    /// <summary>Answers the findings of their own organization with text and evidence (the organization's admin).</summary>
    public const string AnswerFindings = "supervision.findings.answer";

    /// <summary>Reads licensing applications and licences: the deciding bureau's regulators (its kinds, its region) and the organization's admin (its own).</summary>
    public const string LicensingRead = "supervision.licensing.read";

    /// <summary>Applies for a licence or registration: the organization's admin, or a regulator registering a paper application on its behalf.</summary>
    public const string LicensingApply = "supervision.licensing.apply";

    /// <summary>Accepts, asks for documents, decides and issues (the regulators of the bureau that licenses the kind; not the inspectors).</summary>
    public const string LicensingDecide = "supervision.licensing.decide";
}
