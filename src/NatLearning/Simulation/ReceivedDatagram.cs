using System.Net;

namespace NatLearning.Simulation;

/// <summary>A datagram a socket received: when, from whom (as the network delivered it, i.e. after any NAT), and the payload.</summary>
public sealed record ReceivedDatagram(TimeSpan Time, IPEndPoint Remote, IPEndPoint Local, byte[] Payload)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Payload);
    public override string ToString() => $"{Time.TotalSeconds:0.000}s from {Remote}: {Payload.Length} bytes";
}
