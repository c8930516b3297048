using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiyang.Platform.Errors;

namespace Yiyang.Pages.Shared;

/// <summary>Base for form pages: field errors from the shared handlers, keyed by the API's field names.</summary>
public abstract class FormPageModel : PageModel
{
    public Dictionary<string, string> FieldErrors { get; } = new();
    public string? FormError { get; set; }

    public string? ErrorFor(string field) => FieldErrors.GetValueOrDefault(field);

    public bool HasError(string field) => FieldErrors.ContainsKey(field);

    /// <summary>Turns an app exception into messages beside the fields (or one message above the form).</summary>
    protected void Show(AppException e)
    {
        if (e is ValidationFailedException v)
        {
            foreach (var (field, messages) in v.Errors)
            {
                FieldErrors[field] = string.Join(" ", messages);
                ModelState.AddModelError(field, FieldErrors[field]);
            }
            FormError = "提交的信息有误，请按红色提示修改后再提交。";
        }
        else
        {
            FormError = e.Message;
            ModelState.AddModelError("", e.Message);
        }
    }
}
