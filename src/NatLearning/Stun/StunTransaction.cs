using System.Net;
using NatLearning.Protocols;

namespace NatLearning.Stun;

/// <summary>
/// One Binding (or other) transaction of a <see cref="StunClient"/> (RFC 8489 §6.2): the request as sent, every time a
/// copy left, and the response that ended it. The timers are <see cref="ClientTransaction"/>'s; the client sends.
/// </summary>
public sealed class StunTransaction : ClientTransaction
{
    private readonly List<TimeSpan> _sent;

    public StunTransaction(StunMessage request, IPEndPoint local, IPEndPoint server, StunRetransmission schedule, TimeSpan now)
        : base(RequireRequest(request).TransactionId, request.Method, schedule, now)
    {
        Datagram = new Datagram(local, server, request.Encode(fingerprint: true));
        Request = StunMessage.Parse(Datagram.Payload.Span);   // as sent, FINGERPRINT included
        _sent = [now];
    }

    /// <summary>The request exactly as it goes on the wire.</summary>
    public StunMessage Request { get; }
    public Datagram Datagram { get; }
    public IPEndPoint Server => Datagram.Remote;

    /// <summary>When each copy of the request left.</summary>
    public IReadOnlyList<TimeSpan> SendTimes => _sent;

    public StunMessage? Response { get; private set; }

    /// <summary>Ends the transaction with <paramref name="response"/> if it answers this request.</summary>
    public bool TryComplete(StunMessage response, TimeSpan now)
    {
        if (!Matches(response)) return false;
        Response = response;
        Complete(now);
        return true;
    }

    protected override void Retransmitted(TimeSpan now) => _sent.Add(now);

    private static StunMessage RequireRequest(StunMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Class != StunClass.Request) throw new ArgumentException($"A transaction starts with a request, not a {request.Description}.", nameof(request));
        return request;
    }
}
