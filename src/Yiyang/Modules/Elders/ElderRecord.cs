using System.Text.Json;
using Yiyang.Platform.Identifiers;

namespace Yiyang.Modules.Elders;

/// <summary>
/// The one place where validated input becomes the stored record: personal fields encrypted, keyed hashes for
/// lookup, masks for display. Used by registration, editing, import and the demo seed.
/// </summary>
public static class ElderRecord
{
    public const string IdHashPurpose = "id";
    public const string PhoneHashPurpose = "phone";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A new record (region and timestamps set) from validated input; the ID number is required here.</summary>
    public static Elder Create(ValidElder v, long? orgId, PiiProtector pii, DateTimeOffset now)
    {
        var id = v.Id ?? throw new ArgumentException("a new record needs an ID number", nameof(v));
        var e = new Elder
        {
            Name = v.Name,
            TownshipCode = v.TownshipCode,
            CountyCode = v.TownshipCode[..6],
            IdNumberCipher = [],
            IdNumberHash = pii.Hash(IdHashPurpose, id.Normalized),
            IdNumberMasked = "",
            CreatedAt = now,
            UpdatedAt = now,
        };
        Fill(e, v, orgId, pii);
        return e;
    }

    /// <summary>Writes every field of <paramref name="v"/> into <paramref name="e"/> (the ID only when given).</summary>
    public static void Fill(Elder e, ValidElder v, long? orgId, PiiProtector pii)
    {
        e.Name = v.Name;
        if (v.Id is not null)
        {
            e.IdNumberCipher = pii.Encrypt(v.Id.Normalized);
            e.IdNumberHash = pii.Hash(IdHashPurpose, v.Id.Normalized);
            e.IdNumberMasked = ChineseIdNumber.Mask(v.Id.Normalized);
            e.BirthDate = v.Id.BirthDate;
            e.Sex = v.Id.Sex;
        }
        e.PhoneCipher = v.Phone is null ? null : pii.Encrypt(v.Phone);
        e.PhoneHash = v.Phone is null ? null : pii.Hash(PhoneHashPurpose, v.Phone);
        e.PhoneMasked = v.Phone is null ? null : Masking.Phone(v.Phone);
        e.AddressCipher = v.Address is null ? null : pii.Encrypt(v.Address);
        e.AddressMasked = v.Address is null ? null : Masking.Address(v.Address);
        e.ContactsCipher = v.Contacts.Count == 0 ? null : pii.Encrypt(JsonSerializer.Serialize(v.Contacts, Json));
        e.ContactCount = v.Contacts.Count;
        e.TownshipCode = v.TownshipCode;
        e.CountyCode = v.TownshipCode[..6];
        e.InsuranceType = v.InsuranceType;
        e.HealthCardCipher = v.HealthCardNo is null ? null : pii.Encrypt(v.HealthCardNo);
        e.HealthCardMasked = v.HealthCardNo is null ? null : Masking.CardNumber(v.HealthCardNo);
        e.HealthCardPending = null;
        e.Flags = v.Flags;
        e.ResponsibleOrganizationId = orgId;
    }

    public static List<ContactInput> ReadContacts(byte[] cipher, PiiProtector pii) =>
        JsonSerializer.Deserialize<List<ContactInput>>(pii.Decrypt(cipher), Json) ?? [];

    public static string ContactsJson(IReadOnlyList<ContactInput> contacts) => JsonSerializer.Serialize(contacts, Json);
}
