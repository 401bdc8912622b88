using System.Net;
using NatLearning.Protocols;

namespace NatLearning.Stun;

/// <summary>
/// One client transaction (RFC 8489 §6.2): a request, its retransmissions on the schedule, and the response that
/// ends it. It holds state only; the machine that owns it sends and receives.
/// </summary>
public sealed class StunTransaction
{
    private readonly List<TimeSpan> _sent = [];
    private readonly StunRetransmission _schedule;

    public StunTransaction(StunMessage request, IPEndPoint local, IPEndPoint server, StunRetransmission schedule, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Class != StunClass.Request) throw new ArgumentException($"A transaction starts with a request, not a {request.Description}.", nameof(request));
        _schedule = schedule;
        Datagram = new Datagram(local, server, request.Encode(fingerprint: true));
        Request = StunMessage.Parse(Datagram.Payload.Span);   // as sent, FINGERPRINT included
        _sent.Add(now);
        NextTimeout = now + schedule.WaitAfter(1);
    }

    /// <summary>The request exactly as it goes on the wire.</summary>
    public StunMessage Request { get; }
    public TransactionId Id => Request.TransactionId;
    public Datagram Datagram { get; }
    public IPEndPoint Server => Datagram.Remote;

    /// <summary>When each copy of the request left.</summary>
    public IReadOnlyList<TimeSpan> SendTimes => _sent;

    /// <summary>When the next retransmission or the final timeout is due; null once finished.</summary>
    public TimeSpan? NextTimeout { get; private set; }

    public StunMessage? Response { get; private set; }
    public TimeSpan? CompletedAt { get; private set; }
    public bool TimedOut { get; private set; }
    public bool Finished => Response is not null || TimedOut;

    /// <summary>Round-trip time from the last copy sent before the response (a lower bound when copies were lost; Karn).</summary>
    public TimeSpan? Rtt => CompletedAt is { } t && Response is not null ? t - _sent[^1] : null;

    /// <summary>Called when <see cref="NextTimeout"/> has passed. True when the request should be sent again now.</summary>
    public bool HandleTimeout(TimeSpan now)
    {
        if (NextTimeout is not { } due || now < due) return false;
        if (_sent.Count >= _schedule.Rc)
        {
            TimedOut = true;
            CompletedAt = now;
            NextTimeout = null;
            return false;
        }
        _sent.Add(now);
        NextTimeout = now + _schedule.WaitAfter(_sent.Count);
        return true;
    }

    /// <summary>Ends the transaction with <paramref name="response"/> if it answers this request.</summary>
    public bool TryComplete(StunMessage response, TimeSpan now)
    {
        if (Finished || response.TransactionId != Id || response.Method != Request.Method
            || response.Class is not (StunClass.SuccessResponse or StunClass.ErrorResponse)) return false;
        Response = response;
        CompletedAt = now;
        NextTimeout = null;
        return true;
    }
}
