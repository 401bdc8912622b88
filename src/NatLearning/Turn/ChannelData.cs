using System.Buffers.Binary;

namespace NatLearning.Turn;

/// <summary>
/// A ChannelData message (RFC 8656 §12.4): a 4-byte header (channel number, length) and the application data,
/// without any STUN header. It is how a client and a TURN server carry data once a channel is bound.
/// </summary>
/// <example>
/// <code>
/// byte[] wire = new ChannelData(0x4000, "hi Bob"u8.ToArray()).Encode();
/// var message = ChannelData.Parse(wire);          // throws FormatException naming the problem
/// </code>
/// </example>
public sealed class ChannelData
{
    // RFC 8656 §12: channel numbers 0x4000 through 0x4FFF; 0x5000–0x7FFF are reserved.
    public const ushort MinChannel = 0x4000;
    public const ushort MaxChannel = 0x4FFF;

    /// <summary>RFC 8656 §12.4: Channel Number (2 bytes) and Length (2 bytes).</summary>
    public const int HeaderLength = 4;

    public ChannelData(ushort channelNumber, ReadOnlyMemory<byte> data)
    {
        if (!IsValidChannel(channelNumber))
            throw new ArgumentOutOfRangeException(nameof(channelNumber), $"0x{channelNumber:x4}", "A TURN channel number is 0x4000 to 0x4FFF (RFC 8656 §12).");
        if (data.Length > ushort.MaxValue)
            throw new ArgumentException($"ChannelData carries at most {ushort.MaxValue} bytes; this data is {data.Length}.", nameof(data));
        ChannelNumber = channelNumber;
        Data = data;
    }

    public ushort ChannelNumber { get; }
    public ReadOnlyMemory<byte> Data { get; }

    public static bool IsValidChannel(int number) => number is >= MinChannel and <= MaxChannel;

    /// <summary>
    /// The wire bytes. RFC 8656 §12.5: over TCP the message is padded to a multiple of 4 bytes; over UDP padding
    /// is not required but may be sent (<paramref name="pad"/>). The Length field never counts the padding.
    /// </summary>
    public byte[] Encode(bool pad = false)
    {
        var total = HeaderLength + Data.Length;
        if (pad) total = (total + 3) & ~3;
        var bytes = new byte[total];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, ChannelNumber);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)Data.Length);
        Data.Span.CopyTo(bytes.AsSpan(HeaderLength));
        return bytes;
    }

    /// <summary>
    /// Demultiplexing (RFC 8656 §12 and RFC 7983): the first two bits are 01, so the first byte is 64 to 79 for
    /// a channel in 0x4000–0x4FFF, where STUN's first byte is 0 or 1.
    /// </summary>
    public static bool IsChannelData(ReadOnlySpan<byte> datagram) => datagram.Length >= HeaderLength && datagram[0] is >= 0x40 and <= 0x4F;

    /// <summary>Parses one ChannelData message; extra bytes after the data are padding and are ignored (RFC 8656 §12.5).</summary>
    public static ChannelData Parse(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < HeaderLength)
            throw new FormatException($"A ChannelData message starts with a {HeaderLength}-byte header, but there are only {datagram.Length} bytes.");
        var channel = BinaryPrimitives.ReadUInt16BigEndian(datagram);
        if (!IsValidChannel(channel))
            throw new FormatException($"ChannelData channel number is 0x{channel:x4}; it must be 0x4000 to 0x4FFF (RFC 8656 §12).");
        var length = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        // RFC 8656 §12.5: a Length beyond the datagram means the message is discarded.
        if (HeaderLength + length > datagram.Length)
            throw new FormatException($"ChannelData Length says {length} bytes of data, but only {datagram.Length - HeaderLength} follow the header.");
        var padding = datagram.Length - HeaderLength - length;
        if (padding > 3)
            throw new FormatException($"ChannelData has {padding} bytes after its {length} bytes of data; padding is at most 3.");
        return new ChannelData(channel, datagram.Slice(HeaderLength, length).ToArray());
    }

    public static bool TryParse(ReadOnlySpan<byte> datagram, out ChannelData? message, out string? error)
    {
        try
        {
            message = Parse(datagram);
            error = null;
            return true;
        }
        catch (FormatException e)
        {
            message = null;
            error = e.Message;
            return false;
        }
    }

    public override string ToString() => $"ChannelData 0x{ChannelNumber:x4}, {Data.Length} bytes";
}
