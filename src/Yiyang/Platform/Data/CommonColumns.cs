using Microsoft.EntityFrameworkCore.Metadata;

namespace Yiyang.Platform.Data;

/// <summary>
/// The columns most records share have one width everywhere, set here once instead of in every entity configuration:
/// the county code (6 digits), the township code (9 digits; 12 leaves room for a village code) and the acting user's
/// name (<c>CreatedBy</c>, <c>CreatedByUser</c>: 64, the longest user name). A configuration that sets a width itself keeps it.
/// </summary>
public static class CommonColumns
{
    public static readonly IReadOnlyDictionary<string, int> MaxLengths = new Dictionary<string, int>
    {
        ["CountyCode"] = 6,
        ["TownshipCode"] = 12,
        ["CreatedBy"] = 64,
        ["CreatedByUser"] = 64,
    };

    public static void Apply(IMutableModel model)
    {
        foreach (var entity in model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                if (property.ClrType == typeof(string) && property.GetMaxLength() is null && MaxLengths.TryGetValue(property.Name, out var length))
                    property.SetMaxLength(length);
            }
        }
    }
}
