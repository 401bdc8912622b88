namespace NatLearning.Stun;

/// <summary>What a client transaction's timer asks for when it fires (RFC 8489 §6.2.1).</summary>
public enum ClientTransactionTimeout
{
    /// <summary>Not due yet, or already finished: nothing to do.</summary>
    None,
    /// <summary>Send the request again now.</summary>
    Retransmit,
    /// <summary>The last wait ran out without a response: the transaction failed (or, if cancelled, stopped listening).</summary>
    TimedOut,
}
