using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Yiyang.Platform.Security;

/// <summary>
/// Encrypts the Data Protection key ring (which signs login cookies and antiforgery tokens) before it is stored in
/// the database, with the platform's at-rest key — so a copy of the database alone cannot forge a login.
/// </summary>
public sealed class KeyRingEncryptor(PiiProtector protector) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var cipher = protector.Encrypt(plaintextElement.ToString(SaveOptions.DisableFormatting));
        return new EncryptedXmlInfo(new XElement("yiyangEncryptedKey", Convert.ToBase64String(cipher)), typeof(KeyRingDecryptor));
    }
}

/// <summary>Created by Data Protection through its activator (service-provider constructor).</summary>
public sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var protector = services.GetRequiredService<PiiProtector>();
        return XElement.Parse(protector.Decrypt(Convert.FromBase64String(encryptedElement.Value)));
    }
}
