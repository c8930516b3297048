namespace Yiyang.Modules.Billing;

/// <summary>
/// One charge line as the API shows it. All money in yuan (元): <see cref="ListPrice"/> is the catalog price (or the
/// band's 上门服务费); <see cref="Amount"/> is what the elder is charged for the line (= <see cref="PatientAmount"/>:
/// ¥0 when covered); <see cref="CoveredAmount"/> is what <see cref="Payer"/> bears. PatientAmount + CoveredAmount = ListPrice.
/// </summary>
public sealed record ChargeDto(
    string ItemCode, string ItemName, string Kind, string Unit, decimal ListPrice, decimal Amount, decimal PatientAmount,
    decimal CoveredAmount, string Payer, string PayerName, string? CoveredBy, decimal? DistanceKm, string Currency = "CNY");

public sealed record PriceItemInput
{
    public long? OrganizationId { get; init; }
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? Unit { get; init; }
    /// <summary>Yuan per unit.</summary>
    public decimal? Price { get; init; }
    public bool? Active { get; init; }
    public int? Version { get; init; }
}

public sealed record PriceItemDto(long Id, long OrganizationId, string Code, string Name, string Unit, decimal Price, string PriceUnit,
    bool Active, int Version) : IVersioned;

public sealed record ServiceFeeInput
{
    public long? OrganizationId { get; init; }
    /// <summary>elder (个人自付) or family-doctor (家庭医生签约服务包).</summary>
    public string? Payer { get; init; }
    public List<FeeBandInput?>? Bands { get; init; }
    public int? Version { get; init; }
}

public sealed record FeeBandDto(decimal FromKm, decimal? ToKm, decimal Fee, string Label);

public sealed record ServiceFeeDto(long OrganizationId, string Payer, string PayerName, IReadOnlyList<FeeBandDto> Bands, string FeeUnit, int? Version);

public sealed record StatementLine(DateOnly Date, long VisitId, long ElderId, string ElderName, long OrganizationId, string ItemCode,
    string ItemName, string Kind, decimal ListPrice, decimal PatientAmount, decimal CoveredAmount, string Payer, string PayerName,
    string? CoveredBy);

public sealed record ElderStatement(long ElderId, string ElderName, int Lines, decimal ListTotal, decimal PatientTotal, decimal CoveredTotal,
    IReadOnlyList<StatementLine> Items);

/// <summary>What one payer bears in the month: the elder's own payments for <c>elder</c>, the covered amounts otherwise.</summary>
public sealed record PayerStatement(string Payer, string PayerName, int Lines, decimal Amount);

public sealed record Statement(string Month, long? OrganizationId, string? Payer, IReadOnlyList<ElderStatement> Elders,
    IReadOnlyList<PayerStatement> Payers, decimal ListTotal, decimal PatientTotal, decimal CoveredTotal, string Unit = "元");

/// <summary>单独核算: an institution's elder-care (医养) income of one month, by payer; total = Σ list prices.</summary>
public sealed record IncomeRow(long OrganizationId, string OrganizationName, string Month, IReadOnlyList<PayerStatement> ByPayer, decimal Total,
    string Unit = "元");

/// <summary>A statement request: the month (yyyy-MM), and optionally one institution, one elder and one payer.</summary>
public sealed record StatementQuery(string? Month, long? OrganizationId, long? ElderId, string? Payer);
