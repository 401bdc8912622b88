

namespace NatLearning.Packets;

/// <summary>Recognises a protocol inside a UDP payload and words it the way Wireshark's Info column does.</summary>
public interface IPayloadDescriber
{
    bool TryDescribe(ReadOnlySpan<byte> udpPayload, int sourcePort, int destinationPort, out string protocol, out string info);

    /// <summary>
    /// A diagram's arrow label: the first words of the Info column ("Binding Request", "Allocate Success Response"),
    /// without addresses or attributes; and the protocol phase the packet belongs to ("Allocation"), by which long
    /// diagrams are split; <paramref name="exchange"/> is shared by a request and its answers (STUN's transaction id), so an
    /// answer is drawn in its request's phase. By default the whole Info text, in a phase named after the protocol.
    /// </summary>
    bool TryLabel(ReadOnlySpan<byte> udpPayload, int sourcePort, int destinationPort, out string label, out string phase, out string? exchange)
    {
        var known = TryDescribe(udpPayload, sourcePort, destinationPort, out var protocol, out label);
        phase = protocol;
        exchange = null;
        return known;
    }
}
