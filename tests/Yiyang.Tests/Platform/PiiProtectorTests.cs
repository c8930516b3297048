using System.Security.Cryptography;
using Yiyang.Platform.Security;

namespace Yiyang.Tests.Platform;

public sealed class PiiProtectorTests
{
    private static readonly byte[] EncKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] HashKey = Enumerable.Range(101, 32).Select(i => (byte)i).ToArray();
    private readonly PiiProtector _pii = new(EncKey, HashKey);

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("王益区红旗街88号")]
    [InlineData("")]
    public void Encrypted_values_decrypt_to_the_original(string plain) => Assert.Equal(plain, _pii.Decrypt(_pii.Encrypt(plain)));

    [Fact]
    public void Encrypting_twice_gives_different_ciphertexts()
    {
        var a = _pii.Encrypt("13812345678");
        var b = _pii.Encrypt("13812345678");
        Assert.NotEqual(a, b);
        Assert.Equal(1, a[0]);
    }

    [Fact]
    public void The_ciphertext_does_not_contain_the_plain_text()
    {
        var c = _pii.Encrypt("11010519491231002X");
        Assert.DoesNotContain("11010519491231002X", System.Text.Encoding.UTF8.GetString(c));
    }

    [Fact]
    public void A_tampered_ciphertext_is_rejected()
    {
        var c = _pii.Encrypt("13812345678");
        c[^1] ^= 0x01;
        Assert.ThrowsAny<CryptographicException>(() => _pii.Decrypt(c));
    }

    [Fact]
    public void Another_key_cannot_decrypt()
    {
        var other = new PiiProtector(Enumerable.Range(2, 32).Select(i => (byte)i).ToArray(), HashKey);
        Assert.ThrowsAny<CryptographicException>(() => other.Decrypt(_pii.Encrypt("x")));
    }

    [Fact]
    public void An_unknown_format_is_rejected() => Assert.ThrowsAny<CryptographicException>(() => _pii.Decrypt(new byte[40]));

    [Fact]
    public void Keyed_hashes_are_deterministic_and_depend_on_purpose_value_and_key()
    {
        var h = _pii.Hash("id", "11010519491231002X");
        Assert.Equal(32, h.Length);
        Assert.Equal(h, _pii.Hash("id", "11010519491231002X"));
        Assert.NotEqual(h, _pii.Hash("phone", "11010519491231002X"));
        Assert.NotEqual(h, _pii.Hash("id", "440524188001010014"));
        var otherKey = new PiiProtector(EncKey, Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        Assert.NotEqual(h, otherKey.Hash("id", "11010519491231002X"));
        Assert.NotEqual(h, SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("id\u001f11010519491231002X")));
    }

    [Fact]
    public void Keys_of_the_wrong_size_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new PiiProtector(new byte[16], HashKey));
        Assert.Throws<ArgumentException>(() => new PiiProtector(EncKey, new byte[16]));
    }
}
