using System.Net;
using System.Net.Sockets;

namespace NatLearning.Addressing;

/// <summary>IPv4 helpers: conversions and the special-purpose ranges a NAT course talks about.</summary>
public static class Ipv4
{
    private static readonly (AddressRange Range, AddressKind Kind, string Name)[] SpecialRanges =
    [
        (AddressRange.Parse("10.0.0.0/8"), AddressKind.Private, "RFC 1918 private range 10.0.0.0/8"),
        (AddressRange.Parse("172.16.0.0/12"), AddressKind.Private, "RFC 1918 private range 172.16.0.0/12"),
        (AddressRange.Parse("192.168.0.0/16"), AddressKind.Private, "RFC 1918 private range 192.168.0.0/16"),
        (AddressRange.Parse("100.64.0.0/10"), AddressKind.SharedCgn, "RFC 6598 shared (carrier-grade NAT) range 100.64.0.0/10"),
        (AddressRange.Parse("127.0.0.0/8"), AddressKind.Loopback, "loopback range 127.0.0.0/8"),
        (AddressRange.Parse("169.254.0.0/16"), AddressKind.LinkLocal, "link-local range 169.254.0.0/16"),
        (AddressRange.Parse("192.0.2.0/24"), AddressKind.Documentation, "RFC 5737 documentation range 192.0.2.0/24"),
        (AddressRange.Parse("198.51.100.0/24"), AddressKind.Documentation, "RFC 5737 documentation range 198.51.100.0/24"),
        (AddressRange.Parse("203.0.113.0/24"), AddressKind.Documentation, "RFC 5737 documentation range 203.0.113.0/24"),
        (AddressRange.Parse("0.0.0.0/8"), AddressKind.Reserved, "\"this network\" range 0.0.0.0/8"),
        (AddressRange.Parse("224.0.0.0/4"), AddressKind.Reserved, "multicast range 224.0.0.0/4"),
        (AddressRange.Parse("240.0.0.0/4"), AddressKind.Reserved, "reserved range 240.0.0.0/4"),
    ];

    public static AddressKind Classify(IPAddress address) => Describe(address).Kind;

    /// <summary>The kind of an address and a phrase naming its range, e.g. "RFC 1918 private range 192.168.0.0/16".</summary>
    public static (AddressKind Kind, string RangeName) Describe(IPAddress address)
    {
        RequireV4(address);
        var v = ToUInt32(address);
        foreach (var (range, kind, name) in SpecialRanges)
            if (range.Contains(v)) return (kind, name);
        return (AddressKind.Public, "public address space");
    }

    /// <summary>True when a packet to this address can cross the public internet.</summary>
    public static bool IsGloballyRoutable(IPAddress address) =>
        Classify(address) is AddressKind.Public or AddressKind.Documentation;

    public static IPAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!IPAddress.TryParse(text, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork || text.Count(c => c == '.') != 3)
            throw new FormatException($"'{text}' is not an IPv4 address like 192.168.1.10.");
        return ip;
    }

    public static IPEndPoint ParseEndpoint(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(text.AsSpan(colon + 1), out var port) || port is < 0 or > 65535)
            throw new FormatException($"'{text}' is not an IPv4 endpoint like 192.168.1.10:5000 (port 0 to 65535).");
        return new IPEndPoint(Parse(text[..colon]), port);
    }

    internal static uint ToUInt32(IPAddress address)
    {
        Span<byte> b = stackalloc byte[4];
        if (!address.TryWriteBytes(b, out var n) || n != 4)
            throw new ArgumentException($"'{address}' is not an IPv4 address.", nameof(address));
        return (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
    }

    // IPAddress(long) takes the bytes in network order as they lie in memory.
    internal static IPAddress FromUInt32(uint value) =>
        new(BitConverter.IsLittleEndian ? System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(value) : value);

    internal static string Format(uint value) => new EndpointText(value, 0, withPort: false).ToString();

    internal static string Format(uint ip, ushort port) => new EndpointText(ip, port).ToString();

    /// <summary>For interpolated strings: the endpoint is written into the string being built, with no string of its own.</summary>
    internal static EndpointText Text(uint ip, ushort port) => new(ip, port);

    private static void RequireV4(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetwork)
            throw new ArgumentException($"'{address}' is not an IPv4 address.", nameof(address));
    }
}
