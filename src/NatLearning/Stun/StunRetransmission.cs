namespace NatLearning.Stun;

/// <summary>
/// The client's retransmission schedule over UDP (RFC 8489 §6.2.1): send, wait RTO, resend doubling the wait, up to
/// Rc requests in all; after the last one wait Rm × RTO before giving up. With the defaults the requests leave at
/// 0, 0.5, 1.5, 3.5, 7.5, 15.5 and 31.5 s and the transaction fails at 39.5 s.
/// </summary>
public sealed record StunRetransmission
{
    public static StunRetransmission Rfc8489 { get; } = new();

    /// <summary>The initial retransmission timeout (RFC 8489 §6.2.1: should be at least 500 ms).</summary>
    public TimeSpan Rto
    {
        get;
        init => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(Rto), value, "RTO must be positive.");
    } = TimeSpan.FromMilliseconds(500);

    /// <summary>How many requests at most (RFC 8489 §6.2.1: Rc = 7).</summary>
    public int Rc
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Rc), value, "Rc is at least 1.");
    } = 7;

    /// <summary>How many RTOs to wait after the last request (RFC 8489 §6.2.1: Rm = 16).</summary>
    public int Rm
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Rm), value, "Rm is at least 1.");
    } = 16;

    /// <summary>How long to wait after request number <paramref name="attempt"/> (1 = the first).</summary>
    // RFC 8489 §6.2.1: the wait doubles after each request; after the Rc-th it is Rm × RTO.
    public TimeSpan WaitAfter(int attempt) => attempt >= Rc ? Rto * Rm : Rto * (1L << Math.Min(attempt - 1, 30));

    /// <summary>When the transaction gives up, counted from the first request.</summary>
    public TimeSpan GiveUpAfter
    {
        get
        {
            var total = TimeSpan.Zero;
            for (var k = 1; k <= Rc; k++) total += WaitAfter(k);
            return total;
        }
    }
}
