namespace Yiyang.Modules.Assessments;

/// <summary>One answer choice of an item: the score the standard gives it and its Chinese wording.</summary>
public sealed record InstrumentOption(int Value, string Label);

/// <summary>
/// One scored item. <see cref="Options"/> lists every allowed value; <see cref="Min"/>/<see cref="Max"/> give the
/// numeric range (the smallest and largest option value).
/// </summary>
public sealed record InstrumentItem(string Key, string Label, IReadOnlyList<InstrumentOption> Options, string? Hint = null)
{
    public int Min => Options.Min(o => o.Value);
    public int Max => Options.Max(o => o.Value);
}

/// <summary>A group of items with its own subtotal (first-level indicator of the standard).</summary>
public sealed record InstrumentSection(string Code, string Name, IReadOnlyList<InstrumentItem> Items)
{
    public int MaxSubtotal => Items.Sum(i => i.Max);
}

/// <summary>
/// An input that is not a scored item (flags of GB/T 42195 appendix A, measurements of the TCM form).
/// <see cref="Type"/>: <c>boolean</c>, <c>icd10-list</c>, <c>counts</c> (one count per <see cref="Parts"/> key) or
/// <c>number</c> (with <see cref="Unit"/>, <see cref="Min"/>, <see cref="Max"/>).
/// </summary>
public sealed record InstrumentField(string Key, string Label, string Type, string? Hint = null, string? Unit = null,
    decimal? Min = null, decimal? Max = null, IReadOnlyList<FieldPart>? Parts = null);

/// <summary>One sub-input of a <c>counts</c> field, e.g. <c>fall</c> 跌倒.</summary>
public sealed record FieldPart(string Key, string Label);

/// <summary>
/// A versioned instrument: the same data renders the form, prints the paper version and drives validation.
/// <see cref="Source"/> names the standard the items and scores come from.
/// </summary>
public sealed record InstrumentDefinition(string Code, string Version, string Name, string Source,
    IReadOnlyList<InstrumentSection> Sections, IReadOnlyList<InstrumentField> Fields)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<InstrumentItem> AllItems => Sections.SelectMany(s => s.Items);
}

/// <summary>Entry of the instrument list.</summary>
public sealed record InstrumentSummary(string Code, string Version, string Name);

/// <summary>A level, band or grade: the standard's number (most independent = 0) and its Chinese name.</summary>
public sealed record Level(int Code, string Name);

/// <summary>
/// The answers to score. <see cref="Items"/> maps item keys to scores (null = not answered); the other members are
/// the instrument-specific inputs (ignored by instruments that do not use them).
/// </summary>
public sealed record AssessmentAnswers(IReadOnlyDictionary<string, int?> Items)
{
    /// <summary>GB/T 42195 A.5.11: the person is in a coma.</summary>
    public bool Coma { get; init; }

    /// <summary>GB/T 42195 A.4.1: ICD-10 codes of the diagnoses, e.g. F01.9.</summary>
    public IReadOnlyList<string>? Diagnoses { get; init; }

    /// <summary>GB/T 42195: the mental and behavioural disorder (F04–F99) was diagnosed by a psychiatrist.</summary>
    public bool PsychiatristDiagnosed { get; init; }

    /// <summary>GB/T 42195 A.2.14: care-risk events in the last 30 days, counted per type.</summary>
    public IReadOnlyDictionary<string, int>? RiskEvents30d { get; init; }

    /// <summary>TCM form: height in cm, weight in kg, waist in cm (preset Q9 by BMI and Q28 by waist).</summary>
    public decimal? Height { get; init; }

    public decimal? Weight { get; init; }

    public decimal? Waist { get; init; }
}

/// <summary>Scores one instrument. Validation failures throw <see cref="Platform.Errors.ValidationFailedException"/>.</summary>
public interface IInstrumentScorer
{
    InstrumentDefinition Definition { get; }

    /// <summary>Validates and scores; the result is one of the instrument's result records.</summary>
    object Score(AssessmentAnswers answers);
}
