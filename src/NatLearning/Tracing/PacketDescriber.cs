using System.Buffers.Binary;
using System.Text;
using NatLearning.Packets;

namespace NatLearning.Tracing;

/// <summary>The Protocol and Info columns for a packet's bytes.</summary>
public static class PacketDescriber
{
    /// <summary>Payload describers tried in order before plain UDP (STUN, TURN ChannelData ... register here).</summary>
    private static readonly List<IPayloadDescriber> Describers = [new Stun.StunPayloadDescriber(), new Turn.ChannelDataDescriber(), new HolePunching.SignalDescriber()];
    private static readonly Lock Gate = new();

    /// <summary>Adds a describer; adding the same type twice has no effect.</summary>
    public static void Register(IPayloadDescriber describer)
    {
        lock (Gate)
        {
            if (Describers.All(d => d.GetType() != describer.GetType())) Describers.Add(describer);
        }
    }

    public static (string Protocol, string Info) Describe(ReadOnlySpan<byte> ipv4)
    {
        if (ipv4.Length < Packet.HeaderLength) return ("IPv4", $"Truncated packet, {ipv4.Length} bytes");
        var srcPort = BinaryPrimitives.ReadUInt16BigEndian(ipv4[20..]);
        var dstPort = BinaryPrimitives.ReadUInt16BigEndian(ipv4[22..]);
        var payload = ipv4[Packet.HeaderLength..];
        IPayloadDescriber[] list;
        lock (Gate) list = [.. Describers];
        foreach (var d in list)
            if (d.TryDescribe(payload, srcPort, dstPort, out var protocol, out var info)) return (protocol, info);
        return ("UDP", $"{srcPort} → {dstPort} Len={payload.Length}");
    }

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
