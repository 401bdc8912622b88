using System.Net;
using NatLearning.Nat;
using NatLearning.Packets;
using NatLearning.Stun;

namespace NatLearning.Tracing;

/// <summary>One entry of a trace. Events with <see cref="Bytes"/> are packets on a wire (rows of the packet list and the pcap).</summary>
public sealed record TraceEvent
{
    /// <summary>Position in the trace, from 1.</summary>
    public required int Number { get; init; }
    public required TimeSpan Time { get; init; }
    public required TraceEventKind Kind { get; init; }
    /// <summary>The node where it happened (sender, translating router, receiver, or where the packet was dropped).</summary>
    public required string Node { get; init; }
    /// <summary>For wire events: the node the packet is travelling to (null when there was none).</summary>
    public string? NextHop { get; init; }
    /// <summary>The datagram's number, the same before and after each translation; 0 for events without a packet.</summary>
    public long PacketId { get; init; }
    public IPEndPoint? Source { get; init; }
    public IPEndPoint? Destination { get; init; }
    /// <summary>For translations: the endpoints as the packet arrived, before the rewrite.</summary>
    public IPEndPoint? OriginalSource { get; init; }
    public IPEndPoint? OriginalDestination { get; init; }
    /// <summary>The packet's IPv4 bytes as they were on the wire at that moment (wire events and drops).</summary>
    public byte[]? Bytes { get; init; }
    public DropReason? Reason { get; init; }
    /// <summary>A sentence in plain words: why a packet was dropped, what a mapping is, what a protocol did.</summary>
    public string? Detail { get; init; }
    /// <summary>For mapping events, and translations through a mapping: the NAT table row as it stood right after the event.</summary>
    public NatTableEntry? Mapping { get; init; }

    /// <summary>For a packet carrying a STUN message: its transaction id (RFC 8489 §5), which pairs a request, its copies and its answer; null otherwise.</summary>
    public TransactionId? TransactionId => TryReadStunHeader(out _, out _, out var id) ? id : null;

    /// <summary>The STUN header (method, class, transaction id) of the packet's UDP payload, if it carries STUN.</summary>
    public bool TryReadStunHeader(out StunMethod method, out StunClass stunClass, out TransactionId transactionId)
    {
        // The UDP payload starts after the IPv4 header (IHL × 4 bytes) and the 8-byte UDP header.
        var udpPayload = Bytes is { Length: > 0 } ip && (ip[0] & 0x0F) * 4 + Packet.UdpHeaderLength is var start && start <= ip.Length
            ? ip.AsSpan(start) : default;
        return StunMessage.TryReadHeader(udpPayload, out method, out stunClass, out transactionId);
    }

    public bool IsWirePacket => Kind is TraceEventKind.Sent or TraceEventKind.Translated or TraceEventKind.Forwarded;

    public override string ToString() => $"#{Number} {Time.TotalSeconds:0.000000}s {Kind} at {Node}: {Detail ?? $"{Source} → {Destination}"}";
}
