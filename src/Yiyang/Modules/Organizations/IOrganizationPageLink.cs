namespace Yiyang.Modules.Organizations;

/// <summary>A link another module adds to the organization's page (for the signed-in user, or none): a seam, so that
/// Organizations does not depend on the modules that link from it.</summary>
public interface IOrganizationPageLink
{
    /// <summary>The link's text, address and element id for the organization, or null when the user has no use for it.</summary>
    (string Text, string Href, string Id)? For(long organizationId);
}
