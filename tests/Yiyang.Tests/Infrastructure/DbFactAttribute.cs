using Xunit.Abstractions;
using Xunit.Sdk;

namespace Yiyang.Tests.Infrastructure;

/// <summary>Marks a concrete test class that runs against PostgreSQL.</summary>
public interface IPostgresTests;

/// <summary>
/// A fact that runs on every provider. On a PostgreSQL test class (<see cref="IPostgresTests"/>) it is skipped when
/// DEMO_PG_CONN is not set, unless CI=true: then it runs and fails (the fixture throws), so CI can never go green by
/// silently skipping the PostgreSQL half of the suite.
/// </summary>
[XunitTestCaseDiscoverer("Yiyang.Tests.Infrastructure.DbFactDiscoverer", "Yiyang.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DbFactAttribute : FactAttribute;

public sealed class DbFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var type = testMethod.TestClass.Class.ToRuntimeType();
        var skip = type is not null && typeof(IPostgresTests).IsAssignableFrom(type)
                   && TestDatabase.PgServerConnection is null && !TestDatabase.IsCi
            ? $"{TestDatabase.PgConnVar} not set (PostgreSQL tests run in CI)"
            : null;
        yield return new ProviderTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, skip);
    }
}

public sealed class ProviderTestCase : XunitTestCase
{
    private string? _skip;

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ProviderTestCase() { }

    public ProviderTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method, string? skip)
        : base(sink, display, options, method)
    {
        _skip = skip;
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => _skip ?? base.GetSkipReason(factAttribute);

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("ProviderSkip", _skip);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        _skip = data.GetValue<string>("ProviderSkip");
        base.Deserialize(data);
    }
}
