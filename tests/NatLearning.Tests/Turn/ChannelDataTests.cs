using NatLearning.Turn;

namespace NatLearning.Tests.Turn;

public class ChannelDataTests
{
    [Fact]
    public void Encodes_channel_length_and_data_and_pads_only_when_asked()
    {
        var m = new ChannelData(0x4000, "hello"u8.ToArray());
        Assert.Equal([0x40, 0x00, 0x00, 0x05, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o'], m.Encode());
        var padded = m.Encode(pad: true);
        Assert.Equal(12, padded.Length);
        Assert.Equal(5, padded[3]);   // Length never counts the padding (RFC 8656 §12.4)
    }

    [Fact]
    public void Parse_accepts_padding_over_udp_and_returns_only_the_data()
    {
        var parsed = ChannelData.Parse(new ChannelData(0x4FFF, "abcde"u8.ToArray()).Encode(pad: true));
        Assert.Equal(0x4FFF, parsed.ChannelNumber);
        Assert.Equal("abcde"u8.ToArray(), parsed.Data.ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 0x40, 0x00, 0x00 }, "4-byte header")]
    [InlineData(new byte[] { 0x40, 0x00, 0x00, 0x08, 1, 2 }, "Length says 8")]
    [InlineData(new byte[] { 0x50, 0x00, 0x00, 0x00 }, "0x5000")]
    [InlineData(new byte[] { 0x40, 0x00, 0x00, 0x00, 0, 0, 0, 0 }, "padding is at most 3")]
    public void Parse_names_what_is_wrong(byte[] bytes, string expected)
    {
        var e = Assert.Throws<FormatException>(() => ChannelData.Parse(bytes));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Channel_numbers_outside_0x4000_to_0x4FFF_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChannelData(0x3FFF, Array.Empty<byte>()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChannelData(0x5000, Array.Empty<byte>()));
    }

    [Fact]
    public void Demultiplexes_from_stun_by_the_first_byte()
    {
        Assert.True(ChannelData.IsChannelData([0x40, 0x00, 0x00, 0x00]));
        Assert.True(ChannelData.IsChannelData([0x4F, 0xFF, 0x00, 0x00]));
        Assert.False(ChannelData.IsChannelData([0x00, 0x01, 0x00, 0x00]));   // a STUN Binding Request
        Assert.False(ChannelData.IsChannelData([0x50, 0x00, 0x00, 0x00]));
    }
}
