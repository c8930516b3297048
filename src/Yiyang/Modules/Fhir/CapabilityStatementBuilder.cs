using R4 = Hl7.Fhir.Model;

namespace Yiyang.Modules.Fhir;

/// <summary>
/// <c>GET /fhir/metadata</c>: generated from the registered handlers (the same list the routes dispatch to), so it names
/// exactly the types, interactions, search parameters and includes that are implemented.
/// </summary>
public static class CapabilityStatementBuilder
{
    public static R4.CapabilityStatement Build(FhirRegistry registry, string baseUrl, DateTimeOffset now)
    {
        var rest = new R4.CapabilityStatement.RestComponent
        {
            Mode = R4.CapabilityStatement.RestfulCapabilityMode.Server,
            Documentation = "医养结合平台 FHIR R4 接口：员工以本人令牌或登录会话访问，数据范围与脱敏同平台接口。",
            Security = new R4.CapabilityStatement.SecurityComponent
            {
                Description = "Authorization: Bearer <员工访问令牌>，或已登录的会话 Cookie。系统客户端（SMART Backend Services）尚未开放。",
            },
        };
        foreach (var h in registry.All)
        {
            var resource = new R4.CapabilityStatement.ResourceComponent
            {
                Type = h.ResourceType,
                Versioning = R4.CapabilityStatement.ResourceVersionPolicy.Versioned,
                ReadHistory = false,
                UpdateCreate = false,
                ConditionalCreate = false,
                ConditionalRead = R4.CapabilityStatement.ConditionalReadStatus.NotSupported,
                ConditionalUpdate = false,
                ConditionalDelete = R4.CapabilityStatement.ConditionalDeleteStatus.NotSupported,
                SearchInclude = h.Includes.ToList(),
            };
            resource.Interaction.Add(new R4.CapabilityStatement.ResourceInteractionComponent { Code = R4.CapabilityStatement.TypeRestfulInteraction.Read });
            resource.Interaction.Add(new R4.CapabilityStatement.ResourceInteractionComponent { Code = R4.CapabilityStatement.TypeRestfulInteraction.SearchType });
            foreach (var p in FhirSearch.CommonParams.Concat(h.SearchParams))
            {
                resource.SearchParam.Add(new R4.CapabilityStatement.SearchParamComponent
                {
                    Name = p.Name,
                    Type = p.Type switch
                    {
                        FhirParamType.Token => R4.SearchParamType.Token,
                        FhirParamType.String => R4.SearchParamType.String,
                        FhirParamType.Date => R4.SearchParamType.Date,
                        FhirParamType.Reference => R4.SearchParamType.Reference,
                        _ => R4.SearchParamType.Number,
                    },
                    Documentation = p.Description,
                });
            }
            rest.Resource.Add(resource);
        }
        return new R4.CapabilityStatement
        {
            Url = baseUrl + "/metadata",
            Name = "YiyangFhirServer",
            Title = "医养结合平台 FHIR 接口",
            Status = R4.PublicationStatus.Active,
            Experimental = false,
            Date = now.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            Publisher = "医养结合平台",
            Kind = R4.CapabilityStatementKind.Instance,
            Software = new R4.CapabilityStatement.SoftwareComponent { Name = "Yiyang" },
            Implementation = new R4.CapabilityStatement.ImplementationComponent { Description = "医养结合平台", Url = baseUrl },
            FhirVersion = R4.FHIRVersion.N4_0_1,
            Format = ["application/fhir+json", "json"],
            Rest = [rest],
        };
    }
}
