using System.Buffers.Binary;
using System.Text;
using NatLearning.Packets;

namespace NatLearning.Tracing;

/// <summary>The Protocol and Info columns for a packet's bytes.</summary>
public static class PacketDescriber
{
    public static (string Protocol, string Info) Describe(ReadOnlySpan<byte> ipv4)
    {
        if (ipv4.Length < Packet.HeaderLength) return ("IPv4", $"Truncated packet, {ipv4.Length} bytes");
        var (srcPort, dstPort) = Ports(ipv4);
        var payload = ipv4[Packet.HeaderLength..];
        foreach (var d in PayloadDescribers.All)
            if (d.TryDescribe(payload, srcPort, dstPort, out var protocol, out var info)) return (protocol, info);
        return ("UDP", $"{srcPort} → {dstPort} Len={payload.Length}");
    }

    /// <summary>
    /// The short arrow label of a diagram and the protocol phase of the packet (see <see cref="IPayloadDescriber.TryLabel"/>);
    /// plain UDP is labelled by its text, or its length, in the phase "UDP data".
    /// </summary>
    public static (string Label, string Phase, string? Exchange) Label(ReadOnlySpan<byte> ipv4)
    {
        if (ipv4.Length < Packet.HeaderLength) return ($"Truncated packet, {ipv4.Length} bytes", "UDP data", null);
        var (srcPort, dstPort) = Ports(ipv4);
        var payload = ipv4[Packet.HeaderLength..];
        foreach (var d in PayloadDescribers.All)
            if (d.TryLabel(payload, srcPort, dstPort, out var label, out var phase, out var exchange)) return (label, phase, exchange);
        return (TextPreview(ipv4, 24) is { } text ? $"UDP \"{text}\"" : $"UDP Len={payload.Length}", "UDP data", null);
    }

    // The UDP header follows the 20-byte IPv4 header: source port, then destination port.
    private static (int Source, int Destination) Ports(ReadOnlySpan<byte> ipv4) =>
        (BinaryPrimitives.ReadUInt16BigEndian(ipv4[20..]), BinaryPrimitives.ReadUInt16BigEndian(ipv4[22..]));

    /// <summary>The payload as text when it is short printable UTF-8 (for diagrams), else null.</summary>
    public static string? TextPreview(ReadOnlySpan<byte> ipv4, int max = 32)
    {
        if (ipv4.Length <= Packet.HeaderLength) return null;
        var payload = ipv4[Packet.HeaderLength..];
        foreach (var b in payload)
            if (b is < 0x20 or 0x7F && b is not (byte)'\n') return null;
        var s = Encoding.UTF8.GetString(payload).Replace('\n', ' ');
        return s.Length <= max ? s : s[..(max - 1)] + "…";
    }
}
