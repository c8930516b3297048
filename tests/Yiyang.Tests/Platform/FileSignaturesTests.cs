using Yiyang.Platform.Security;

namespace Yiyang.Tests.Platform;

public sealed class FileSignaturesTests
{
    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, "application/pdf")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10 }, "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00 }, "image/png")]
    public void Known_files_are_recognised_by_their_first_bytes(byte[] content, string type)
    {
        Assert.Equal(type, FileSignatures.Detect(content));
        Assert.True(FileSignatures.Matches(type.ToUpperInvariant(), content));
    }

    [Theory]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 })]          // a Windows executable
    [InlineData(new byte[] { 0x3C, 0x73, 0x63, 0x72, 0x69, 0x70 })] // "<scrip"
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47 })]          // half a PNG signature
    [InlineData(new byte[] { })]
    public void Anything_else_is_none_of_them(byte[] content)
    {
        Assert.Null(FileSignatures.Detect(content));
        Assert.False(FileSignatures.Matches("image/png", content));
    }
}
