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

    /// <summary>
    /// Cancelled (RFC 8445 §7.3.1.4 and §8.1.2): "the agent will not retransmit the Binding requests associated with the
    /// connectivity-check transaction, will not treat the lack of response to be a failure, but will wait the duration of
    /// the transaction timeout for a response".
    /// </summary>
    public bool Cancelled { get; private set; }

    /// <summary>Stops the retransmissions; an answer is still taken until the transaction would have given up.</summary>
    public void Cancel()
    {
        if (Cancelled) return;
        Cancelled = true;
        NextTimeout = FirstSent + _schedule.GiveUpAfter;
    }

    /// <summary>Due: true to resend now, false when the last wait ran out (the transaction failed; see <see cref="TimedOut"/>).</summary>
    public bool Retransmit(TimeSpan now)
    {
        if (Cancelled)
        {
            NextTimeout = null;
            return false;
        }
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
