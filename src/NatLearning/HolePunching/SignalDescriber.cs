using System.Runtime.CompilerServices;
using NatLearning.Packets;

namespace NatLearning.HolePunching;

/// <summary>Names rendezvous and punch packets in the packet list.</summary>
public sealed class SignalDescriber : IPayloadDescriber
{
    // The layer that owns the protocol tells the packet views about it; the views know no protocol by name.
#pragma warning disable CA2255 // a library's own registration, run once when the assembly loads, before any trace is described
    [ModuleInitializer]
    internal static void Register() => PayloadDescribers.Register(new SignalDescriber());
#pragma warning restore CA2255

    public bool TryDescribe(ReadOnlySpan<byte> udpPayload, int sourcePort, int destinationPort, out string protocol, out string info)
    {
        protocol = info = "";
        if (!SignalMessage.TryParse(udpPayload, out var m)) return false;
        protocol = m.Verb is SignalMessage.Punch or SignalMessage.PunchAck ? "PUNCH" : "SIGNAL";
        info = m.ToString();
        return true;
    }

    public bool TryLabel(ReadOnlySpan<byte> udpPayload, int sourcePort, int destinationPort, out string label, out string phase, out string? exchange)
    {
        label = phase = "";
        exchange = null;
        if (!SignalMessage.TryParse(udpPayload, out var m)) return false;
        label = m.Verb;
        phase = m.Verb is SignalMessage.Punch or SignalMessage.PunchAck ? "Punching" : "Signalling";
        return true;
    }
}
