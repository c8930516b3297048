using Microsoft.Extensions.Options;
using Yiyang.Modules.Assessments.Instruments;

namespace Yiyang.Modules.Assessments;

/// <summary>The instruments the platform knows, by code, and scoring without saving.</summary>
public sealed class InstrumentCatalog
{
    private readonly IReadOnlyList<IInstrumentScorer> _scorers;
    private readonly ILtcTablesSource? _ltcTables;
    private (LtcTables Tables, Ltc2021Scorer Scorer)? _ltcScorer;

    /// <summary>With the 长护险 tables in force read from <paramref name="ltcTables"/> (editable, versioned in the database).</summary>
    public InstrumentCatalog(IOptions<AssessmentOptions> options, ILtcTablesSource ltcTables) : this(options) => _ltcTables = ltcTables;

    public InstrumentCatalog(IOptions<AssessmentOptions> options)
    {
        var o = options.Value;
        if (o.Ltc2021.Problems() is { Count: > 0 } problems)
            throw new InvalidOperationException("Assessments:Ltc2021 tables are invalid: " + string.Join(" ", problems));
        _scorers =
        [
            new Gbt42195Scorer(o),
            new PhsSelfCareScorer(),
            new TcmConstitutionScorer(),
            new BarthelScorer(),
            new Ltc2021Scorer(o.Ltc2021),
        ];
    }

    public IReadOnlyList<InstrumentSummary> List() =>
        _scorers.Select(s => new InstrumentSummary(s.Definition.Code, s.Definition.Version, s.Definition.Name)).ToList();

    public InstrumentDefinition? Find(string code) => _scorers.FirstOrDefault(s => s.Definition.Code == code)?.Definition;

    /// <summary>The definition, or 404 for an unknown code.</summary>
    public InstrumentDefinition Get(string code) => Find(code) ?? throw new NotFoundException("未找到该评估量表。");

    /// <summary>Validates and scores; unknown code → 404, bad answers → 400 keyed <c>items.&lt;key&gt;</c>.</summary>
    public object Score(string code, AssessmentAnswers answers)
    {
        if (code == Ltc2021Scorer.Code && _ltcTables is not null) return LtcScorer(_ltcTables.Current).Score(answers);
        return (_scorers.FirstOrDefault(s => s.Definition.Code == code) ?? throw new NotFoundException("未找到该评估量表。")).Score(answers);
    }

    private Ltc2021Scorer LtcScorer(LtcTables tables)
    {
        var cached = _ltcScorer;
        if (cached is { } c && ReferenceEquals(c.Tables, tables)) return c.Scorer;
        var scorer = new Ltc2021Scorer(tables);
        _ltcScorer = (tables, scorer);
        return scorer;
    }
}

/// <summary>The 长护险 2021 tables in force (implemented by CarePlans.LtcTablesSource: versioned in the database).</summary>
public interface ILtcTablesSource
{
    LtcTables Current { get; }
}

/// <summary>Shared checks of the answers against a definition.</summary>
public static class AnswerValidation
{
    /// <summary>The error key of an item: <c>items.B1.1</c>.</summary>
    public static string ItemField(string key) => "items." + key;

    /// <summary>
    /// Checks every item of <paramref name="definition"/>: present, and one of its option values; unknown keys are
    /// refused. Items listed in <paramref name="presets"/> may be absent (their preset value is used).
    /// Adds errors to <paramref name="errors"/> and returns the scores of the valid items.
    /// </summary>
    public static Dictionary<string, int> CheckItems(InstrumentDefinition definition, AssessmentAnswers answers, FieldErrors errors,
        IReadOnlyDictionary<string, int>? presets = null)
    {
        var scores = new Dictionary<string, int>();
        var known = definition.AllItems.ToDictionary(i => i.Key);
        foreach (var key in answers.Items.Keys.Where(k => !known.ContainsKey(k)))
            errors.Add(ItemField(key), $"量表中没有“{key}”这一项。");
        foreach (var item in definition.AllItems)
        {
            answers.Items.TryGetValue(item.Key, out var value);
            if (value is null && presets is not null && presets.TryGetValue(item.Key, out var preset)) value = preset;
            if (value is null)
                errors.Add(ItemField(item.Key), $"请填写“{item.Label}”。");
            else if (item.Options.All(o => o.Value != value))
                errors.Add(ItemField(item.Key),
                    $"“{item.Label}”的分值只能是 {string.Join("、", item.Options.Select(o => o.Value).Order())} 之一。");
            else
                scores[item.Key] = value.Value;
        }
        return scores;
    }

    public static int Sum(InstrumentSection section, IReadOnlyDictionary<string, int> scores) => section.Items.Sum(i => scores[i.Key]);

    public static Level Band(IEnumerable<ScoreBand> bands, int score)
    {
        var b = bands.FirstOrDefault(b => score >= b.Min && score <= b.Max)
            ?? throw new BusinessRuleException("band-table", "分级表未覆盖该得分，请管理员检查分级设置。");
        return new Level(b.Code, b.Name);
    }
}
