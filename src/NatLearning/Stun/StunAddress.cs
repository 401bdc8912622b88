using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace NatLearning.Stun;

/// <summary>The address value shared by MAPPED-ADDRESS and friends, and its XOR form (RFC 8489 §14.1, §14.2).</summary>
internal static class StunAddress
{
    public const uint MagicCookie = StunMessage.MagicCookie;
    private const byte FamilyIPv4 = 0x01;
    private const byte FamilyIPv6 = 0x02;

    public static byte[] Encode(IPEndPoint endPoint, TransactionId? xorWith)
    {
        var value = new byte[Write([], endPoint, xorWith)];   // the first call only measures
        Write(value, endPoint, xorWith);
        return value;
    }

    /// <summary><see cref="Encode"/> into a span: the value's length, or the length it needs when it does not fit (nothing written).</summary>
    public static int Write(Span<byte> destination, IPEndPoint endPoint, TransactionId? xorWith)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var addressLength = endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? 16 : 4;
        if (destination.Length < 4 + addressLength) return 4 + addressLength;
        var address = destination.Slice(4, addressLength);
        if (!endPoint.Address.TryWriteBytes(address, out _)) throw new ArgumentException($"{endPoint} has no IPv4 or IPv6 address.", nameof(endPoint));
        destination[0] = 0;
        destination[1] = addressLength == 4 ? FamilyIPv4 : FamilyIPv6;
        var port = (ushort)endPoint.Port;
        if (xorWith is { } tid)
        {
            // RFC 8489 §14.2: X-Port = port XOR the cookie's top 16 bits; X-Address = address XOR (cookie ‖ transaction id).
            port ^= (ushort)(MagicCookie >> 16);
            Span<byte> mask = stackalloc byte[16];
            Mask(mask, tid);
            for (var i = 0; i < addressLength; i++) address[i] ^= mask[i];
        }
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], port);
        return 4 + addressLength;
    }

    public static IPEndPoint Decode(ReadOnlySpan<byte> value, TransactionId? xorWith, int offset, string name)
    {
        StunFormatException.Require(value.Length >= 4, offset, $"{name} is {value.Length} bytes; an address needs at least 8");
        var family = value[1];
        var length = family switch
        {
            FamilyIPv4 => 4,
            FamilyIPv6 => 16,
            _ => throw new StunFormatException(offset + 1, $"{name} has address family 0x{family:x2}; only 0x01 (IPv4) and 0x02 (IPv6) exist"),
        };
        StunFormatException.Require(value.Length == 4 + length, offset, $"{name} is {value.Length} bytes; an {(length == 4 ? "IPv4" : "IPv6")} address takes {4 + length}");
        var port = BinaryPrimitives.ReadUInt16BigEndian(value[2..]);
        var address = value.Slice(4, length).ToArray();
        if (xorWith is { } tid)
        {
            port ^= (ushort)(MagicCookie >> 16);
            Span<byte> mask = stackalloc byte[16];
            Mask(mask, tid);
            for (var i = 0; i < address.Length; i++) address[i] ^= mask[i];
        }
        return new IPEndPoint(new IPAddress(address), port);
    }

    public static string Format(IPEndPoint endPoint) =>
        endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]:{endPoint.Port}" : $"{endPoint.Address}:{endPoint.Port}";

    private static void Mask(Span<byte> mask, TransactionId tid)
    {
        BinaryPrimitives.WriteUInt32BigEndian(mask, MagicCookie);
        tid.WriteTo(mask[4..]);
    }
}
