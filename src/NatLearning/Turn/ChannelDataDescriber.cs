using NatLearning.Tracing;

namespace NatLearning.Turn;

/// <summary>
/// Names ChannelData messages in packet lists as Wireshark does (Protocol "STUN", Info "ChannelData TURN Message").
/// Like Wireshark, it only looks on TURN's port, since any UDP payload starting with '@' to 'O' would otherwise match.
/// </summary>
public sealed class ChannelDataDescriber : IPayloadDescriber
{
    /// <summary>TURN's registered UDP port (RFC 8656 §4).</summary>
    public const int TurnPort = 3478;

    public bool TryDescribe(ReadOnlySpan<byte> udpPayload, int sourcePort, int destinationPort, out string protocol, out string info)
    {
        protocol = "STUN";
        info = "";
        if (sourcePort != TurnPort && destinationPort != TurnPort) return false;
        if (!ChannelData.IsChannelData(udpPayload)) return false;
        info = ChannelData.TryParse(udpPayload, out var message, out var error)
            ? $"ChannelData TURN Message channel 0x{message!.ChannelNumber:x4} Len={message.Data.Length}"
            : $"Malformed ChannelData: {error}";
        return true;
    }
}
