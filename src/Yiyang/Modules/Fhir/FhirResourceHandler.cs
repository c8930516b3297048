using R4 = Hl7.Fhir.Model;

namespace Yiyang.Modules.Fhir;

/// <summary>The kind of a search parameter (R4 search-param-type), as the capability statement declares it.</summary>
public enum FhirParamType
{
    Token,
    String,
    Date,
    Reference,
    Number,
}

/// <summary>A search parameter a handler implements: its name, kind and Chinese description.</summary>
public sealed record FhirSearchParam(string Name, FhirParamType Type, string Description);

/// <summary>One page of a search: the resources in order, the total of matches (null beyond the count cap), the cursor of the next page (null on the last).</summary>
public sealed record FhirPage(IReadOnlyList<R4.Resource> Resources, int? Total, string? NextCursor, IReadOnlyList<long> PatientIds);

/// <summary>
/// One FHIR resource type Yiyang serves: the routes (<see cref="FhirApi"/>) and the capability statement
/// (<see cref="CapabilityStatementBuilder"/>) are both generated from the registered handlers, so the statement lists
/// exactly what is implemented.
/// </summary>
public interface IFhirResourceHandler
{
    /// <summary>The FHIR resource type name (Patient, Organization…).</summary>
    string ResourceType { get; }

    /// <summary>The policy a caller must hold (the same as the module's own API).</summary>
    string Policy { get; }

    /// <summary>The search parameters beyond the common ones (<see cref="FhirSearch.CommonParams"/>).</summary>
    IReadOnlyList<FhirSearchParam> SearchParams { get; }

    /// <summary>The <c>_include</c> values supported (e.g. Encounter:patient).</summary>
    IReadOnlyList<string> Includes { get; }

    /// <summary>The resource in the caller's scope; anything else is a 404. Audited like the module's own read.</summary>
    Task<R4.Resource> ReadAsync(string id, CancellationToken ct);

    /// <summary>One page of matches in the caller's scope, ordered by id (keyset), after the cursor.</summary>
    Task<FhirPage> SearchAsync(FhirSearch search, CancellationToken ct);
}

/// <summary>The handlers, by resource type; every request resolves them from its own scope.</summary>
public sealed class FhirRegistry(IEnumerable<IFhirResourceHandler> handlers)
{
    private readonly Dictionary<string, IFhirResourceHandler> _byType = handlers.ToDictionary(h => h.ResourceType, StringComparer.Ordinal);

    public IEnumerable<IFhirResourceHandler> All => _byType.Values.OrderBy(h => h.ResourceType, StringComparer.Ordinal);

    public IFhirResourceHandler? Find(string type) => _byType.GetValueOrDefault(type);
}
