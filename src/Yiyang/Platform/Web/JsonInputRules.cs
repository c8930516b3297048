using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Yiyang.Platform.Web;

/// <summary>
/// A JSON field the platform refuses while binding a request body (<see cref="JsonInputRules"/>). System.Text.Json
/// adds the path of the object being read; <see cref="Field"/> is the member within it (e.g. <c>services[0]</c>).
/// </summary>
public sealed class JsonFieldException(string field, string message) : JsonException(message)
{
    public string Field { get; } = field;
    public string Reason { get; } = message;
}

/// <summary>
/// <see cref="InputRules"/> applied to every request body of the application's own types, at binding: after an object
/// is read, its text (also inside lists, dictionaries and free-form JSON), its dates and its lists are checked — a list
/// whose elements are declared non-nullable must not hold <c>null</c>. The checks run in
/// <see cref="JsonTypeInfo.OnDeserialized"/>, so the converters, the response format and the OpenAPI schemas are the
/// framework's own. A refusal is a 400 naming the field (see ProblemDetailsHandler).
/// </summary>
public static class JsonInputRules
{
    public static void Apply(JsonSerializerOptions o) =>
        o.TypeInfoResolver = (o.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(AddChecks);

    private static void AddChecks(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || type.Type.Namespace?.StartsWith("Yiyang", StringComparison.Ordinal) != true) return;
        var nullability = new NullabilityInfoContext();
        var checks = new List<(JsonPropertyInfo Property, bool NoNullElements)>();
        foreach (var p in type.Properties)
        {
            if (p.Get is null || !p.PropertyType.IsAssignableTo(typeof(IEnumerable)) && !NeedsCheck(p.PropertyType)) continue;
            var noNulls = p.PropertyType != typeof(string) && p.PropertyType.IsAssignableTo(typeof(IEnumerable))
                          && !p.PropertyType.IsAssignableTo(typeof(JsonNode)) && ElementIsNonNullable(nullability, p);
            checks.Add((p, noNulls));
        }
        if (checks.Count == 0) return;
        var previous = type.OnDeserialized;
        type.OnDeserialized = obj =>
        {
            previous?.Invoke(obj);
            foreach (var (p, noNulls) in checks) Check(p.Get!(obj), p.Name, noNulls);
        };
    }

    private static bool NeedsCheck(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t == typeof(string) || t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset)
               || t == typeof(JsonElement) || t.IsAssignableTo(typeof(JsonNode));
    }

    private static bool ElementIsNonNullable(NullabilityInfoContext context, JsonPropertyInfo p)
    {
        NullabilityInfo? info = p.AttributeProvider switch
        {
            PropertyInfo pi => context.Create(pi),
            FieldInfo fi => context.Create(fi),
            _ => null,
        };
        if (info is null) return false;
        var element = info.ElementType ?? info.GenericTypeArguments switch
        {
            [var only] => only,
            [_, var value] when p.PropertyType.IsAssignableTo(typeof(IDictionary)) => value,
            _ => null,
        };
        return element is { ReadState: NullabilityState.NotNull } && !element.Type.IsValueType;
    }

    private static void Check(object? value, string field, bool noNullElements)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                if (InputRules.IsUnsafeText(s)) throw new JsonFieldException(field, InputRules.UnsafeTextMessage);
                return;
            case DateOnly d:
                if (!InputRules.IsPlausible(d)) throw new JsonFieldException(field, InputRules.DateRangeMessage);
                return;
            case DateTime dt:
                if (!InputRules.IsPlausible(dt)) throw new JsonFieldException(field, InputRules.DateRangeMessage);
                return;
            case DateTimeOffset dto:
                if (!InputRules.IsPlausible(dto)) throw new JsonFieldException(field, InputRules.DateRangeMessage);
                return;
            case JsonElement e:
                CheckElement(e, field);
                return;
            case JsonNode n:
                CheckElement(JsonSerializer.SerializeToElement(n), field);
                return;
            case IDictionary dict:
                foreach (DictionaryEntry entry in dict)
                {
                    var key = entry.Key as string ?? "";
                    if (InputRules.IsUnsafeText(key)) throw new JsonFieldException(field, InputRules.UnsafeTextMessage);
                    if (entry.Value is null && noNullElements)
                        throw new JsonFieldException($"{field}.{key}", "不能为 null。");
                    Check(entry.Value, $"{field}.{key}", false);
                }
                return;
            case IEnumerable list:
                var i = 0;
                foreach (var item in list)
                {
                    if (item is null && noNullElements) throw new JsonFieldException($"{field}[{i}]", "列表中的元素不能为 null。");
                    if (item is string or DateOnly or DateTime or DateTimeOffset or JsonElement) Check(item, $"{field}[{i}]", false);
                    i++;
                }
                return;
        }
    }

    private static void CheckElement(JsonElement e, string field)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                string? text;
                try { text = e.GetString(); }
                catch (InvalidOperationException) { text = "\0"; } // an escaped unpaired surrogate
                if (InputRules.IsUnsafeText(text)) throw new JsonFieldException(field, InputRules.UnsafeTextMessage);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray()) CheckElement(item, $"{field}[{i++}]");
                break;
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    if (InputRules.IsUnsafeText(p.Name)) throw new JsonFieldException(field, InputRules.UnsafeTextMessage);
                    CheckElement(p.Value, $"{field}.{p.Name}");
                }
                break;
        }
    }
}
