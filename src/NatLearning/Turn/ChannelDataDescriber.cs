using System.Runtime.CompilerServices;
using NatLearning.Packets;

namespace NatLearning.Turn;

/// <summary>
/// Names ChannelData messages in packet lists as Wireshark does (Protocol "STUN", Info "ChannelData TURN Message").
/// Like Wireshark, it only looks on TURN's port, since any UDP payload starting with '@' to 'O' would otherwise match.
/// </summary>
public sealed class ChannelDataDescriber : IPayloadDescriber
{
    // The layer that owns the protocol tells the packet views about it; the views know no protocol by name.
#pragma warning disable CA2255 // a library's own registration, run once when the assembly loads, before any trace is described
    [ModuleInitializer]
    internal static void Register() => PayloadDescribers.Register(new ChannelDataDescriber());
#pragma warning restore CA2255

    public bool TryDescribe(ReadOnlySpan<byte> udpPayload, int sourcePort, int destinationPort, out string protocol, out string info)
    {
        protocol = "STUN";
        info = "";
        if (sourcePort != TurnServer.DefaultPort && destinationPort != TurnServer.DefaultPort) return false;
        if (!ChannelData.IsChannelData(udpPayload)) return false;
        info = ChannelData.TryParse(udpPayload, out var message, out var error)
            ? $"ChannelData TURN Message channel 0x{message!.ChannelNumber:x4} Len={message.Data.Length}"
            : $"Malformed ChannelData: {error}";
        return true;
    }

    public bool TryLabel(ReadOnlySpan<byte> udpPayload, int sourcePort, int destinationPort, out string label, out string phase, out string? exchange)
    {
        phase = "Relayed data";
        exchange = null;
        var known = TryDescribe(udpPayload, sourcePort, destinationPort, out _, out var info);
        label = known && ChannelData.TryParse(udpPayload, out var message, out _) ? $"ChannelData 0x{message!.ChannelNumber:x4}" : info;
        return known;
    }
}
