using System.Net;
using NatLearning.Protocols;
using NatLearning.Stun;

namespace NatLearning.Ice;

/// <summary>
/// One Binding transaction of an agent: a connectivity check on a pair, or a gathering request to a STUN server. Its
/// retransmissions, timeout and cancellation (RFC 8445 §7.3.1.4) are <see cref="ClientTransaction"/>'s.
/// </summary>
internal sealed class IceTransaction(StunMessage request, byte[] bytes, IPEndPoint local, IPEndPoint remote, StunRetransmission schedule, TimeSpan now)
    : ClientTransaction(request.TransactionId, request.Method, schedule, now)
{
    public StunMessage Request { get; } = request;
    public Datagram Datagram { get; } = new(local, remote, bytes);

    /// <summary>The pair a check is for; null for a gathering request.</summary>
    public CandidatePair? Pair { get; init; }
    /// <summary>A check sent with USE-CANDIDATE.</summary>
    public bool Nominating { get; init; }
    /// <summary>The PRIORITY sent, for a peer-reflexive candidate learned from the response.</summary>
    public uint PriorityAttribute { get; init; }
}
