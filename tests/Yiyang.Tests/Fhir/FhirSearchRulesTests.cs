using Yiyang.Modules.Fhir;
using Yiyang.Platform.Errors;

namespace Yiyang.Tests.Fhir;

/// <summary>The search rules without a database: date prefixes and precisions, tokens, the opaque cursor.</summary>
public sealed class FhirSearchRulesTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public void A_date_covers_the_range_of_its_precision_in_china_time()
    {
        var day = FhirDateRange.Parse("date", "2026-03-05");
        Assert.Equal("eq", day.Prefix);
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 0, 0, 0, China), day.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 0, 0, 0, China), day.End);
        Assert.Equal(new DateOnly(2026, 3, 5), day.StartDay);
        Assert.Equal(new DateOnly(2026, 3, 6), day.EndDay);

        var month = FhirDateRange.Parse("date", "ge2026-02");
        Assert.Equal("ge", month.Prefix);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, China), month.End);
        var year = FhirDateRange.Parse("date", "lt1950");
        Assert.Equal(new DateOnly(1950, 1, 1), year.StartDay);
        var instant = FhirDateRange.Parse("_lastUpdated", "gt2026-03-05T10:00:00+08:00");
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 2, 0, 0, TimeSpan.Zero), instant.Start);
        Assert.Equal(new DateOnly(2026, 3, 6), instant.EndDay); // a part of a day counts the whole day for a date column
    }

    [Theory]
    [InlineData("")]
    [InlineData("lt")]
    [InlineData("ne2026-01-01")]
    [InlineData("2026-02-30")]
    [InlineData("1800")]
    [InlineData("2026-03-05T10:00:00")] // a time needs a zone
    [InlineData("20260305")]
    public void A_malformed_date_is_a_validation_error(string text) =>
        Assert.Throws<ValidationFailedException>(() => FhirDateRange.Parse("date", text));

    [Fact]
    public void Tokens_keep_system_and_code_apart()
    {
        var full = FhirToken.Parse("identifier", "urn:oid:2.16.156.10011.1.3|610202194003051234");
        Assert.Equal("urn:oid:2.16.156.10011.1.3", full.System);
        Assert.Equal("610202194003051234", full.Code);
        Assert.True(full.Accepts("urn:oid:2.16.156.10011.1.3"));
        Assert.False(full.Accepts("http://loinc.org"));
        var bare = FhirToken.Parse("code", "8867-4");
        Assert.True(bare.Accepts("http://loinc.org"));
        var noSystem = FhirToken.Parse("code", "|8867-4");
        Assert.False(noSystem.Accepts("http://loinc.org"));
        Assert.Throws<ValidationFailedException>(() => FhirToken.Parse("code", " "));
    }

    [Fact]
    public void The_cursor_is_opaque_and_a_forged_one_is_refused()
    {
        var cursor = FhirSearch.Cursor.Encode("12345");
        Assert.DoesNotContain("12345", cursor);
        Assert.Equal("12345", FhirSearch.Cursor.Decode(cursor));
        Assert.Null(FhirSearch.Cursor.Decode(null));
        Assert.Throws<ValidationFailedException>(() => FhirSearch.Cursor.Decode("not base64!"));
        Assert.Throws<ValidationFailedException>(() => FhirSearch.Cursor.Decode(Convert.ToBase64String("v2:1"u8.ToArray())));
    }

    [Fact]
    public void Every_vital_sign_code_finds_its_kind_and_the_components_find_the_panel()
    {
        Assert.Same(VitalSigns.BloodPressure, VitalSigns.ByCode("8480-6"));
        Assert.Same(VitalSigns.BloodPressure, VitalSigns.ByCode("8462-4"));
        Assert.Same(VitalSigns.OxygenSaturation, VitalSigns.ByCode("59408-5"));
        Assert.Same(VitalSigns.Glucose, VitalSigns.ByCode("15074-8"));
        Assert.Null(VitalSigns.ByCode("2339-0")); // mass concentration: Yiyang stores mmol/L
        Assert.Equal(VitalSigns.All.Count, VitalSigns.All.Select(k => k.Suffix).Distinct().Count());
    }
}
