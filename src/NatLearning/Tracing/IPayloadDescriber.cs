namespace NatLearning.Tracing;

/// <summary>Recognises a protocol inside a UDP payload and words it the way Wireshark's Info column does.</summary>
public interface IPayloadDescriber
{
    bool TryDescribe(ReadOnlySpan<byte> udpPayload, int sourcePort, int destinationPort, out string protocol, out string info);
}
