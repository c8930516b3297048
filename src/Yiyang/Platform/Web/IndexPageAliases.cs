using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Yiyang.Platform.Web;

/// <summary>
/// An Index page with an absolute route ("/Elders") also answers at "/Elders/Index", as Razor Pages does for
/// conventional routes, so addresses bookmarked before pages moved into their modules keep working.
/// </summary>
public sealed class IndexPageAliases : IPageRouteModelConvention
{
    public void Apply(PageRouteModel model)
    {
        if (!model.ViewEnginePath.EndsWith("/Index", StringComparison.Ordinal)) return;
        foreach (var selector in model.Selectors.ToList())
        {
            var template = selector.AttributeRouteModel?.Template;
            if (string.IsNullOrEmpty(template) || template.Contains('{', StringComparison.Ordinal)) continue;
            model.Selectors.Add(new SelectorModel
            {
                AttributeRouteModel = new AttributeRouteModel
                {
                    Template = template.TrimEnd('/') + "/Index",
                    SuppressLinkGeneration = true,
                },
            });
        }
    }
}
