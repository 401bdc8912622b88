using System.Net;

namespace NatLearning.Protocols;

/// <summary>A UDP datagram as a protocol machine sees it: which of its local endpoints, which remote, and the bytes.</summary>
public readonly record struct Datagram(IPEndPoint Local, IPEndPoint Remote, ReadOnlyMemory<byte> Payload)
{
    public override string ToString() => $"{Local} ⇄ {Remote} ({Payload.Length} bytes)";
}
