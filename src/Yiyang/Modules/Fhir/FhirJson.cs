using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Hl7.Fhir.Serialization;
using R4 = Hl7.Fhir.Model;

namespace Yiyang.Modules.Fhir;

/// <summary>FHIR R4 JSON through the Firely SDK (never written by hand): the media type, the serializer, the answers.</summary>
public static class FhirJson
{
    public const string MediaType = "application/fhir+json";

    /// <summary>The SDK's System.Text.Json converter for R4; Chinese text is written as is, not \u-escaped.</summary>
    public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    }.ForFhir();

    public static string Serialize(R4.Resource resource) => JsonSerializer.Serialize(resource, resource.GetType(), Options);

    public static T Parse<T>(string json) where T : R4.Resource => JsonSerializer.Deserialize<T>(json, Options)!;

    /// <summary>Writes a resource as <c>application/fhir+json</c>, never cached (it may carry personal data).</summary>
    public static async Task WriteAsync(HttpContext http, int status, R4.Resource resource)
    {
        var response = http.Response;
        response.StatusCode = status;
        response.ContentType = MediaType + "; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(response.Body, resource, resource.GetType(), Options, http.RequestAborted);
    }
}

/// <summary>An endpoint's FHIR answer: a resource, with its ETag when it is versioned.</summary>
public sealed class FhirResult(R4.Resource resource, int status = 200) : IResult
{
    public R4.Resource Resource => resource;

    public Task ExecuteAsync(HttpContext http)
    {
        if (resource.Meta?.VersionId is { } version && resource is not R4.Bundle and not R4.OperationOutcome)
            http.Response.Headers.ETag = $"W/\"{version}\"";
        if (resource.Meta?.LastUpdated is { } updated && resource is not R4.Bundle)
            http.Response.Headers.LastModified = updated.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        return FhirJson.WriteAsync(http, status, resource);
    }
}
