using System.Globalization;
using System.Text.Json;
using Yiyang.Modules.Assessments;
using Yiyang.Modules.Assessments.Records;

namespace Yiyang.Modules.Assessments.Pages;

/// <summary>
/// Base of the pages that render an instrument form (<c>_InstrumentFields</c>): the definition, the posted values by the
/// API's field names (<c>items.B1.1</c>, <c>coma</c>, <c>riskEvents30d.fall</c>, <c>height</c>…) and their conversion.
/// </summary>
public abstract class InstrumentFormModel : FormPageModel
{
    private static readonly char[] Separators = [',', '，', ';', '；', ' ', '、', '\n', '\r', '\t'];

    public InstrumentDefinition Definition { get; protected set; } = null!;

    /// <summary>The posted values by field name, to re-fill the form.</summary>
    public Dictionary<string, string> Values { get; } = new();

    public object? Result { get; protected set; }

    public string Value(string field) => Values.GetValueOrDefault(field) ?? "";

    protected void ReadForm(params string[] skip)
    {
        foreach (var (key, value) in Request.Form)
            if (key != "__RequestVerificationToken" && !skip.Contains(key)) Values[key] = value.ToString().Trim();
    }

    /// <summary>The posted answers as the API's scoring request; unparseable numbers are field errors.</summary>
    protected ScoreRequest ToScoreRequest()
    {
        var errors = new FieldErrors();
        var items = new Dictionary<string, JsonElement>();
        foreach (var item in Definition.AllItems)
        {
            var raw = Value(AnswerValidation.ItemField(item.Key));
            if (raw.Length == 0) continue;
            if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) items[item.Key] = JsonSerializer.SerializeToElement(n);
            else errors.Add(AnswerValidation.ItemField(item.Key), $"“{item.Label}”的分值必须是整数。");
        }
        var counts = new Dictionary<string, int>();
        decimal? height = null, weight = null, waist = null;
        foreach (var field in Definition.Fields)
        {
            switch (field.Type)
            {
                case "counts":
                    foreach (var part in field.Parts ?? [])
                    {
                        var name = $"{field.Key}.{part.Key}";
                        var raw = Value(name);
                        if (raw.Length == 0) continue;
                        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c)) counts[part.Key] = c;
                        else errors.Add(name, "请填写次数（整数）。");
                    }
                    break;
                case "number":
                    {
                        var raw = Value(field.Key);
                        if (raw.Length == 0) break;
                        if (!decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var x))
                        {
                            errors.Add(field.Key, $"请填写数字（{field.Unit}）。");
                            break;
                        }
                        if (field.Key == "height") height = x;
                        else if (field.Key == "weight") weight = x;
                        else if (field.Key == "waist") waist = x;
                        break;
                    }
            }
        }
        errors.ThrowIfAny();
        return new ScoreRequest(items, Value("coma") == "true", [.. Value("diagnoses").Split(Separators, StringSplitOptions.RemoveEmptyEntries)],
            Value("psychiatristDiagnosed") == "true", counts, height, weight, waist);
    }

    /// <summary>Fills the form from saved answers (the JSON of a scoring request).</summary>
    protected void Fill(JsonElement answers)
    {
        if (answers.ValueKind != JsonValueKind.Object) return;
        foreach (var p in answers.EnumerateObject())
        {
            switch (p.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var inner in p.Value.EnumerateObject())
                        Values[p.Name == "items" ? AnswerValidation.ItemField(inner.Name) : $"{p.Name}.{inner.Name}"] = inner.Value.ToString();
                    break;
                case JsonValueKind.Array:
                    Values[p.Name] = string.Join(", ", p.Value.EnumerateArray().Select(x => x.ToString()));
                    break;
                case JsonValueKind.True:
                    Values[p.Name] = "true";
                    break;
                case JsonValueKind.Number:
                    Values[p.Name] = p.Value.ToString();
                    break;
            }
        }
    }
}
