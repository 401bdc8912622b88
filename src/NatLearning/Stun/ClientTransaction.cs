namespace NatLearning.Stun;

/// <summary>
/// The timers of one STUN client transaction over UDP (RFC 8489 §6.2.1): the request leaves, the client waits RTO and
/// resends, doubling the wait, up to Rc requests; after the last it waits Rm × RTO and gives up. A response with the
/// transaction id (and the request's method) ends it. Sans-I/O: it says when to send and when it failed; the machine
/// that owns it (STUN client, TURN client, ICE agent) sends and decides what an answer means.
/// </summary>
/// <remarks>Machines derive from it to keep their own per-request data (the pair a check is for, the TURN peers ...).</remarks>
public class ClientTransaction
{
    /// <summary>Starts the timers of a request sent (for the first time) at <paramref name="now"/>.</summary>
    public ClientTransaction(TransactionId id, StunMethod method, StunRetransmission schedule, TimeSpan now)
    {
        Id = id;
        Method = method;
        Schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        FirstSent = LastSent = now;
        Sends = 1;
        NextTimeout = now + schedule.WaitAfter(1);
    }

    public TransactionId Id { get; }
    public StunMethod Method { get; }
    public StunRetransmission Schedule { get; }

    /// <summary>When the request first left, and when its latest copy did.</summary>
    public TimeSpan FirstSent { get; }
    public TimeSpan LastSent { get; private set; }

    /// <summary>Copies of the request sent so far (1 = only the first; at most Rc).</summary>
    public int Sends { get; private set; }

    /// <summary>When the next retransmission or the final timeout is due; null once finished.</summary>
    public TimeSpan? NextTimeout { get; private set; }

    /// <summary>A response ended it (see <see cref="Complete"/>).</summary>
    public bool Answered { get; private set; }

    /// <summary>The last wait ran out with no response.</summary>
    public bool TimedOut { get; private set; }

    /// <summary>Retransmissions stopped by <see cref="Cancel"/>; a response is still taken until the transaction would have timed out.</summary>
    public bool Cancelled { get; private set; }

    public bool Finished => Answered || TimedOut;

    /// <summary>When it was answered or timed out.</summary>
    public TimeSpan? CompletedAt { get; private set; }

    /// <summary>Round-trip time from the last copy sent before the response (a lower bound when copies were lost; Karn).</summary>
    public TimeSpan? Rtt => Answered ? CompletedAt - LastSent : null;

    /// <summary>Called once <see cref="NextTimeout"/> has passed: resend now, or the transaction timed out.</summary>
    public ClientTransactionTimeout HandleTimeout(TimeSpan now)
    {
        if (NextTimeout is not { } due || now < due) return ClientTransactionTimeout.None;
        if (Cancelled || Sends >= Schedule.Rc)
        {
            TimedOut = true;
            CompletedAt = now;
            NextTimeout = null;
            return ClientTransactionTimeout.TimedOut;
        }
        Sends++;
        LastSent = now;
        // RFC 8489 §6.2.1: the wait doubles after each request; after the Rc-th it is Rm × RTO.
        NextTimeout = now + Schedule.WaitAfter(Sends);
        Retransmitted(now);
        return ClientTransactionTimeout.Retransmit;
    }

    /// <summary>True if <paramref name="response"/> answers this request: a success or error response with its transaction id and method (RFC 8489 §6.3).</summary>
    public bool Matches(StunMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return !Finished && response.TransactionId == Id && response.Method == Method
            && response.Class is StunClass.SuccessResponse or StunClass.ErrorResponse;
    }

    /// <summary>The owner accepted a matching response: the transaction ends.</summary>
    public void Complete(TimeSpan now)
    {
        if (Finished) throw new InvalidOperationException($"Transaction {Id} has already finished.");
        Answered = true;
        CompletedAt = now;
        NextTimeout = null;
    }

    /// <summary>
    /// Stops the retransmissions but keeps listening until the transaction would have given up (RFC 8445 §7.3.1.4 and
    /// §8.1.2 ask this of ICE: "will not retransmit ... will wait the duration of the transaction timeout for a response").
    /// </summary>
    public void Cancel()
    {
        if (Cancelled || Finished) return;
        Cancelled = true;
        NextTimeout = FirstSent + Schedule.GiveUpAfter;
    }

    /// <summary>A derived transaction's hook to record each retransmission (the first send is its constructor's).</summary>
    protected virtual void Retransmitted(TimeSpan now) { }

    public override string ToString() =>
        $"{StunMessageType.MethodName(Method)} {Id}: {Sends} of {Schedule.Rc} sent" +
        (Answered ? ", answered" : TimedOut ? ", timed out" : Cancelled ? ", cancelled" : "");
}
