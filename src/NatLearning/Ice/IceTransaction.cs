using System.Net;
using NatLearning.Protocols;
using NatLearning.Stun;

namespace NatLearning.Ice;

/// <summary>One Binding transaction of an agent: a connectivity check on a pair, or a gathering request to a STUN server.</summary>
internal sealed class IceTransaction
{
    private readonly StunRetransmission _schedule;

    public IceTransaction(StunMessage request, byte[] bytes, IPEndPoint local, IPEndPoint remote, StunRetransmission schedule, TimeSpan now)
    {
        Request = request;
        Datagram = new Datagram(local, remote, bytes);
        _schedule = schedule;
        FirstSent = LastSent = now;
        Sends = 1;
        NextTimeout = now + schedule.WaitAfter(1);
    }

    public StunMessage Request { get; }
    public Datagram Datagram { get; }
    public TimeSpan FirstSent { get; }
    public TimeSpan LastSent { get; private set; }
    public int Sends { get; private set; }
    public TimeSpan? NextTimeout { get; private set; }

    /// <summary>The pair a check is for; null for a gathering request.</summary>
    public CandidatePair? Pair { get; init; }
    /// <summary>A check sent with USE-CANDIDATE.</summary>
    public bool Nominating { get; init; }
    /// <summary>The PRIORITY sent, for a peer-reflexive candidate learned from the response.</summary>
    public uint PriorityAttribute { get; init; }

    /// <summary>Due: true to resend now, false when the last wait ran out (the transaction failed; see <see cref="TimedOut"/>).</summary>
    public bool Retransmit(TimeSpan now)
    {
        if (Sends >= _schedule.Rc)
        {
            NextTimeout = null;
            TimedOut = true;
            return false;
        }
        Sends++;
        LastSent = now;
        NextTimeout = now + _schedule.WaitAfter(Sends);
        return true;
    }

    public bool TimedOut { get; private set; }
}
