using System.Net;
using System.Net.Sockets;

namespace NatLearning.Addressing;

/// <summary>An IPv4 prefix such as 192.168.1.0/24.</summary>
public readonly record struct AddressRange
{
    public AddressRange(IPAddress network, int prefixLength)
    {
        if (network.AddressFamily != AddressFamily.InterNetwork)
            throw new ArgumentException($"'{network}' is not an IPv4 address.", nameof(network));
        if (prefixLength is < 0 or > 32)
            throw new ArgumentOutOfRangeException(nameof(prefixLength), prefixLength, "An IPv4 prefix length is 0 to 32.");
        PrefixLength = prefixLength;
        Mask = prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);
        NetworkValue = Ipv4.ToUInt32(network) & Mask;
    }

    internal uint NetworkValue { get; }
    internal uint Mask { get; }
    public int PrefixLength { get; }
    public IPAddress Network => Ipv4.FromUInt32(NetworkValue);

    public bool Contains(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork && Contains(Ipv4.ToUInt32(address));

    internal bool Contains(uint address) => (address & Mask) == NetworkValue;

    /// <summary>Parses "a.b.c.d/n"; a bad value gives a FormatException that names it.</summary>
    public static AddressRange Parse(string cidr)
    {
        ArgumentNullException.ThrowIfNull(cidr);
        var slash = cidr.IndexOf('/');
        if (slash < 0 || !IPAddress.TryParse(cidr.AsSpan(0, slash), out var ip) || ip.AddressFamily != AddressFamily.InterNetwork
            || !int.TryParse(cidr.AsSpan(slash + 1), out var len) || len is < 0 or > 32)
            throw new FormatException($"'{cidr}' is not an IPv4 prefix like 192.168.1.0/24.");
        return new AddressRange(ip, len);
    }

    public override string ToString() => $"{Network}/{PrefixLength}";
}
