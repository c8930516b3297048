using Yiyang.Modules.Assessments;

namespace Yiyang.Tests.Assessments;

/// <summary>Builds answers for the scorers: explicit values, or items filled in order up to their maximum.</summary>
internal static class AnswerBuilder
{
    /// <summary>
    /// The GB/T 42195 worked example: B1 4,3,2,4,4,3,3,2 = 25; B2 4,3,3,2 = 12; B3 4,4,4,3,4,4,1,1,2 = 27;
    /// B4 2,1,3,2,3 = 11; total 75 → 66–89 → level 1.
    /// </summary>
    public static Dictionary<string, int> Gbt75() => new()
    {
        ["B1.1"] = 4,
        ["B1.2"] = 3,
        ["B1.3"] = 2,
        ["B1.4"] = 4,
        ["B1.5"] = 4,
        ["B1.6"] = 3,
        ["B1.7"] = 3,
        ["B1.8"] = 2,
        ["B2.1"] = 4,
        ["B2.2"] = 3,
        ["B2.3"] = 3,
        ["B2.4"] = 2,
        ["B3.1"] = 4,
        ["B3.2"] = 4,
        ["B3.3"] = 4,
        ["B3.4"] = 3,
        ["B3.5"] = 4,
        ["B3.6"] = 4,
        ["B3.7"] = 1,
        ["B3.8"] = 1,
        ["B3.9"] = 2,
        ["B4.1"] = 2,
        ["B4.2"] = 1,
        ["B4.3"] = 3,
        ["B4.4"] = 2,
        ["B4.5"] = 3,
    };

    public static Dictionary<string, int?> Items(params (string Key, int Value)[] items) =>
        items.ToDictionary(i => i.Key, i => (int?)i.Value);

    /// <summary>Every item at its maximum (the most independent answer for most instruments).</summary>
    public static Dictionary<string, int?> AllMax(InstrumentDefinition d) => d.AllItems.ToDictionary(i => i.Key, i => (int?)i.Max);

    public static Dictionary<string, int?> AllMin(InstrumentDefinition d) => d.AllItems.ToDictionary(i => i.Key, i => (int?)i.Min);

    /// <summary>
    /// Answers of the given section summing to <paramref name="total"/>: items are filled in order, each with the largest
    /// option value that does not overshoot (the instruments' option values make every tested total reachable).
    /// </summary>
    public static void FillSection(Dictionary<string, int?> answers, InstrumentSection section, int total)
    {
        var left = total;
        foreach (var item in section.Items)
        {
            var v = item.Options.Select(o => o.Value).Where(x => x <= left).Max();
            answers[item.Key] = v;
            left -= v;
        }
        if (left != 0) throw new InvalidOperationException($"total {total} not reachable in {section.Code}");
    }

    public static Dictionary<string, int?> With(this Dictionary<string, int?> answers, params (string Key, int? Value)[] changes)
    {
        var copy = new Dictionary<string, int?>(answers);
        foreach (var (k, v) in changes) copy[k] = v;
        return copy;
    }

    public static Dictionary<string, int?> Without(this Dictionary<string, int?> answers, string key)
    {
        var copy = new Dictionary<string, int?>(answers);
        copy.Remove(key);
        return copy;
    }
}
