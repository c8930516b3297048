using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Yiyang.Platform.Web;

/// <summary>Base for form pages: field errors from the shared handlers, keyed by the API's field names.</summary>
public abstract class FormPageModel : PageModel
{
    public Dictionary<string, string> FieldErrors { get; } = new();
    public string? FormError { get; set; }

    public string? ErrorFor(string field) => FieldErrors.GetValueOrDefault(field);

    public bool HasError(string field) => FieldErrors.ContainsKey(field);

    /// <summary>
    /// Runs a form's action. An application error becomes messages on the page (beside the fields, or above the form)
    /// and the page is shown again after <paramref name="reload"/>; "not found, or not yours" is a 404.
    /// </summary>
    /// <param name="form">Which form on the page the messages belong to (pages with several forms), in <see cref="ActiveForm"/>.</param>
    protected async Task<IActionResult> AttemptAsync(Func<Task<IActionResult>> action, Func<Task> reload, string? form = null)
    {
        try
        {
            return await action();
        }
        catch (NotFoundException)
        {
            RequestTransaction.Fail(HttpContext);
            return NotFound();
        }
        catch (AppException e)
        {
            RequestTransaction.Fail(HttpContext);
            Show(e);
        }
        ActiveForm = form;
        await reload();
        return Page();
    }

    /// <summary>Loads the page, or 404 when the record is not found or not the user's.</summary>
    protected async Task<IActionResult> PageOrNotFoundAsync(Func<Task> load)
    {
        try
        {
            await load();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }

    /// <summary>Sends a stored file, or 404 when it is not found or not the user's.</summary>
    protected async Task<IActionResult> FileOrNotFoundAsync(Func<Task<(string Name, string Type, byte[] Content)>> read)
    {
        try
        {
            var (name, type, content) = await read();
            return File(content, type, name);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    /// <summary>The form the page's messages belong to, when a page has several (set by <see cref="AttemptAsync"/>).</summary>
    public string? ActiveForm { get; protected set; }

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
