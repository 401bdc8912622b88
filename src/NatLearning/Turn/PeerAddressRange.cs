using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace NatLearning.Turn;

/// <summary>
/// An inclusive range of peer IP addresses as coturn's <c>--denied-peer-ip</c> and <c>--allowed-peer-ip</c> write it:
/// "10.0.0.0-10.255.255.255", a single address "192.0.2.7", or (our addition) a prefix "10.0.0.0/8". IPv4 and IPv6.
/// </summary>
public readonly record struct PeerAddressRange
{
    private readonly UInt128 _first, _last;

    public PeerAddressRange(IPAddress first, IPAddress last)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(last);
        first = Normal(first);
        last = Normal(last);
        if (first.AddressFamily != last.AddressFamily) throw new ArgumentException($"The range {first}-{last} mixes IPv4 and IPv6.");
        if (Value(first) > Value(last)) throw new ArgumentException($"The range {first}-{last} ends before it starts.");
        First = first;
        Last = last;
        _first = Value(first);
        _last = Value(last);
    }

    public IPAddress First { get; }
    public IPAddress Last { get; }

    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = Normal(address);
        if (address.AddressFamily != First.AddressFamily) return false;
        var v = Value(address);
        return v >= _first && v <= _last;
    }

    /// <summary>Parses "A-B", "A" or "A/N"; a bad value gives a FormatException that names it.</summary>
    public static PeerAddressRange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        try
        {
            var dash = t.IndexOf('-');
            if (dash > 0) return new(IPAddress.Parse(t[..dash].Trim()), IPAddress.Parse(t[(dash + 1)..].Trim()));
            var slash = t.IndexOf('/');
            if (slash > 0)
            {
                var network = Normal(IPAddress.Parse(t[..slash]));
                var bits = network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
                if (!int.TryParse(t.AsSpan(slash + 1), out var length) || length < 0 || length > bits) throw new FormatException();
                var hostBits = bits - length;
                var width = bits == 32 ? (UInt128)uint.MaxValue : UInt128.MaxValue;
                var hostMask = hostBits == 0 ? UInt128.Zero : (hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1);
                var low = Value(network) & (width ^ hostMask);
                return new(FromValue(low, network.AddressFamily), FromValue(low | hostMask, network.AddressFamily));
            }
            var single = IPAddress.Parse(t);
            return new(single, single);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new FormatException($"'{text}' is not a peer address range like 10.0.0.0-10.255.255.255, 192.0.2.7 or 10.0.0.0/8.");
        }
    }

    public override string ToString() => First.Equals(Last) ? First.ToString() : $"{First}-{Last}";

    // An IPv4-mapped IPv6 address (::ffff:127.0.0.1) is the IPv4 address: no way around a rule by writing it in IPv6.
    internal static IPAddress Normal(IPAddress a) => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a;

    private static UInt128 Value(IPAddress a)
    {
        Span<byte> b = stackalloc byte[16];
        a.TryWriteBytes(b, out var n);
        return n == 4 ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt128BigEndian(b);
    }

    private static IPAddress FromValue(UInt128 v, AddressFamily family)
    {
        Span<byte> b = stackalloc byte[16];
        if (family == AddressFamily.InterNetwork)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b, (uint)v);
            return new IPAddress(b[..4]);
        }
        BinaryPrimitives.WriteUInt128BigEndian(b, v);
        return new IPAddress(b);
    }
}
