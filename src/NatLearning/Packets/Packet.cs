using System.Buffers.Binary;
using System.Net;
using NatLearning.Addressing;

namespace NatLearning.Packets;

/// <summary>
/// One IPv4 datagram carrying UDP, held as its real wire bytes (RFC 791 header, RFC 768 header, payload).
/// Routers rewrite the bytes in place and keep both checksums valid.
/// </summary>
public sealed class Packet
{
    public const int Ipv4HeaderLength = 20;
    public const int UdpHeaderLength = 8;
    public const int HeaderLength = Ipv4HeaderLength + UdpHeaderLength;
    public const byte ProtocolUdp = 17;
    public const byte DefaultTtl = 64;

    // A simulated network reuses its packets once delivered or dropped (the trace keeps copies), so the buffer may be
    // longer than the datagram: _length is the datagram.
    private byte[] _bytes;
    private int _length;

    private Packet(byte[] bytes, long id)
    {
        _bytes = bytes;
        _length = bytes.Length;
        Id = id;
    }

    /// <summary>Simulation-wide number of the datagram, kept across NAT rewrites so its hops can be followed.</summary>
    public long Id { get; private set; }

    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, _length);
    public int Length => _length;
    public ReadOnlySpan<byte> Payload => _bytes.AsSpan(HeaderLength, _length - HeaderLength);
    public ushort Identification => BinaryPrimitives.ReadUInt16BigEndian(_bytes.AsSpan(4));
    public byte Ttl => _bytes[8];
    public ushort HeaderChecksum => BinaryPrimitives.ReadUInt16BigEndian(_bytes.AsSpan(10));
    public ushort UdpChecksum => BinaryPrimitives.ReadUInt16BigEndian(_bytes.AsSpan(26));

    internal uint SourceIp => BinaryPrimitives.ReadUInt32BigEndian(_bytes.AsSpan(12));
    internal uint DestinationIp => BinaryPrimitives.ReadUInt32BigEndian(_bytes.AsSpan(16));
    internal ushort SourcePort => BinaryPrimitives.ReadUInt16BigEndian(_bytes.AsSpan(20));
    internal ushort DestinationPort => BinaryPrimitives.ReadUInt16BigEndian(_bytes.AsSpan(22));

    public IPEndPoint Source => new(Ipv4.FromUInt32(SourceIp), SourcePort);
    public IPEndPoint Destination => new(Ipv4.FromUInt32(DestinationIp), DestinationPort);

    public byte[] ToArray() => Bytes.ToArray();

    /// <summary>Builds the IPv4 and UDP headers around a payload, both checksums computed.</summary>
    public static Packet Create(long id, IPEndPoint source, IPEndPoint destination, ReadOnlySpan<byte> payload, ushort identification, byte ttl = DefaultTtl) =>
        Create(id, Ipv4.ToUInt32(source.Address), (ushort)source.Port, Ipv4.ToUInt32(destination.Address), (ushort)destination.Port, payload, identification, ttl);

    internal static Packet Create(long id, uint srcIp, ushort srcPort, uint dstIp, ushort dstPort, ReadOnlySpan<byte> payload, ushort identification, byte ttl = DefaultTtl, Packet? reuse = null)
    {
        var total = HeaderLength + payload.Length;
        if (total > ushort.MaxValue)
            throw new ArgumentException($"A UDP payload of {payload.Length} bytes does not fit in one IPv4 datagram (at most {ushort.MaxValue - HeaderLength}).", nameof(payload));
        Packet packet;
        if (reuse is null) packet = new Packet(new byte[total], id);
        else
        {
            packet = reuse;
            if (packet._bytes.Length < total) packet._bytes = new byte[total];
            packet._length = total;
            packet.Id = id;
        }
        var s = packet._bytes.AsSpan(0, total);
        s[0] = 0x45;
        s[1] = 0;                                      // DSCP/ECN (a reused buffer may hold anything)                                   // version 4, IHL 5 words
        BinaryPrimitives.WriteUInt16BigEndian(s[2..], (ushort)total);
        BinaryPrimitives.WriteUInt16BigEndian(s[4..], identification);
        BinaryPrimitives.WriteUInt16BigEndian(s[6..], 0x4000); // DF set, no fragments
        s[8] = ttl;
        s[9] = ProtocolUdp;
        BinaryPrimitives.WriteUInt16BigEndian(s[10..], 0);      // the checksum is computed over a zero field
        BinaryPrimitives.WriteUInt32BigEndian(s[12..], srcIp);
        BinaryPrimitives.WriteUInt32BigEndian(s[16..], dstIp);
        BinaryPrimitives.WriteUInt16BigEndian(s[10..], InternetChecksum.Compute(s[..Ipv4HeaderLength]));
        BinaryPrimitives.WriteUInt16BigEndian(s[20..], srcPort);
        BinaryPrimitives.WriteUInt16BigEndian(s[22..], dstPort);
        BinaryPrimitives.WriteUInt16BigEndian(s[24..], (ushort)(UdpHeaderLength + payload.Length));
        payload.CopyTo(s[HeaderLength..]);
        BinaryPrimitives.WriteUInt16BigEndian(s[26..], ComputeUdpChecksum(s));
        return packet;
    }

    /// <summary>Parses wire bytes, checking the headers; a bad packet gives a FormatException naming the field.</summary>
    public static Packet Parse(ReadOnlySpan<byte> bytes, long id = 0)
    {
        if (bytes.Length < HeaderLength) throw new FormatException($"{bytes.Length} bytes is shorter than an IPv4 + UDP header ({HeaderLength}).");
        if (bytes[0] != 0x45) throw new FormatException($"Byte 0 is 0x{bytes[0]:X2}: only IPv4 without options (0x45) is supported.");
        if (bytes[9] != ProtocolUdp) throw new FormatException($"Byte 9 (protocol) is {bytes[9]}, not UDP (17).");
        var total = BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
        if (total != bytes.Length) throw new FormatException($"Bytes 2-3 (total length) say {total}, but {bytes.Length} bytes were given.");
        if (InternetChecksum.Compute(bytes[..Ipv4HeaderLength]) != 0) throw new FormatException("Bytes 10-11: the IPv4 header checksum is wrong.");
        var udpLen = BinaryPrimitives.ReadUInt16BigEndian(bytes[24..]);
        if (udpLen != bytes.Length - Ipv4HeaderLength) throw new FormatException($"Bytes 24-25 (UDP length) say {udpLen}, expected {bytes.Length - Ipv4HeaderLength}.");
        var p = new Packet(bytes.ToArray(), id);
        if (p.UdpChecksum != 0 && !p.UdpChecksumValid) throw new FormatException("Bytes 26-27: the UDP checksum is wrong.");
        return p;
    }

    public bool HeaderChecksumValid => InternetChecksum.Compute(_bytes.AsSpan(0, Ipv4HeaderLength)) == 0;
    public bool UdpChecksumValid => ComputeUdpChecksum(Bytes) == UdpChecksum;

    // RFC 768: checksum over a pseudo-header (src, dst, zero, protocol, UDP length), the UDP header and the data.
    private static ushort ComputeUdpChecksum(ReadOnlySpan<byte> p)
    {
        uint sum = InternetChecksum.Add(0, p.Slice(12, 8));
        sum += ProtocolUdp;
        sum += (uint)(p.Length - Ipv4HeaderLength);
        sum = InternetChecksum.Add(sum, p.Slice(20, 6));             // ports and length, checksum field skipped
        sum = InternetChecksum.Add(sum, p[HeaderLength..]);
        var c = InternetChecksum.Finish(sum);
        return c == 0 ? (ushort)0xFFFF : c;                         // RFC 768: a computed zero is sent as all ones
    }

    internal void RewriteSource(uint ip, ushort port) => Rewrite(12, 20, ip, port);
    internal void RewriteDestination(uint ip, ushort port) => Rewrite(16, 22, ip, port);

    /// <summary>Decrements TTL; false when it reaches zero and the packet must be dropped.</summary>
    internal bool DecrementTtl()
    {
        if (_bytes[8] <= 1) return false;
        var s = _bytes.AsSpan();
        var oldWord = BinaryPrimitives.ReadUInt16BigEndian(s[8..]);
        s[8]--;
        var newWord = BinaryPrimitives.ReadUInt16BigEndian(s[8..]);
        BinaryPrimitives.WriteUInt16BigEndian(s[10..], InternetChecksum.Update(HeaderChecksum, oldWord, newWord));
        return true;
    }

    private void Rewrite(int ipOffset, int portOffset, uint ip, ushort port)
    {
        var s = _bytes.AsSpan();
        var oldIp = BinaryPrimitives.ReadUInt32BigEndian(s[ipOffset..]);
        var oldPort = BinaryPrimitives.ReadUInt16BigEndian(s[portOffset..]);
        BinaryPrimitives.WriteUInt32BigEndian(s[ipOffset..], ip);
        BinaryPrimitives.WriteUInt16BigEndian(s[portOffset..], port);
        // RFC 1624 §3 eqn. 3 for several words at once: HC' = ~(~HC + Σ(~m + m')). The addresses are in both
        // checksums (the UDP one through its pseudo-header); the port only in the UDP one.
        uint ipDelta = (ushort)~(oldIp >> 16) + (ip >> 16) + (ushort)~oldIp + (ip & 0xFFFF);
        uint udpDelta = ipDelta + (ushort)~oldPort + port;
        var ipSum = InternetChecksum.Finish((ushort)~HeaderChecksum + ipDelta);
        var udpSum = InternetChecksum.Finish((ushort)~UdpChecksum + udpDelta);
        if (udpSum == 0) udpSum = 0xFFFF;
        BinaryPrimitives.WriteUInt16BigEndian(s[10..], ipSum);
        BinaryPrimitives.WriteUInt16BigEndian(s[26..], udpSum);
    }
}
