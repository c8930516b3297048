namespace Yiyang.Modules.Referrals.Pages;

/// <summary>Model of the <c>_TextField</c> partial: one labelled input or textarea with its hint and its error beside it.</summary>
public sealed record TextField(FormPageModel Page, string Field, string Label, string? Value, bool Required = false, int Rows = 1, string? Hint = null)
{
    /// <summary>The form field's name: the bound property (PascalCase of the API field).</summary>
    public string Name => char.ToUpperInvariant(Field[0]) + Field[1..];
}
