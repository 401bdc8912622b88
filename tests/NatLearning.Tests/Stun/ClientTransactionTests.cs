using NatLearning.Stun;
using NatLearning.Stun.Attributes;

namespace NatLearning.Tests.Stun;

/// <summary>The client-transaction engine alone (RFC 8489 §6.2.1 timers, matching by transaction id): no network, time handed in.</summary>
public class ClientTransactionTests
{
    private static readonly TransactionId IdA = TransactionId.Parse("000102030405060708090a0b");
    private static readonly TransactionId IdB = TransactionId.Parse("0c0d0e0f1011121314151617");

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    /// <summary>Drives one transaction by its own NextTimeout until it times out; returns the send times and the timeout.</summary>
    private static (List<double> Sends, double TimedOutAt) Run(ClientTransaction t)
    {
        var sends = new List<double> { t.FirstSent.TotalMilliseconds };
        while (t.NextTimeout is { } due)
        {
            var what = t.HandleTimeout(due);
            if (what == ClientTransactionTimeout.Retransmit) sends.Add(due.TotalMilliseconds);
            else
            {
                Assert.Equal(ClientTransactionTimeout.TimedOut, what);
                return (sends, due.TotalMilliseconds);
            }
        }
        throw new InvalidOperationException("the transaction stopped without timing out");
    }

    [Fact]
    public void Rfc_8489_schedule_with_rto_500_ms_and_rc_7_sends_at_0_500_1500_3500_7500_15500_31500_and_times_out_at_39500()
    {
        var schedule = new StunRetransmission { Rto = Ms(500), Rc = 7, Rm = 16 };
        var t = new ClientTransaction(IdA, StunMethod.Binding, schedule, TimeSpan.Zero);

        var (sends, timedOutAt) = Run(t);

        Assert.Equal([0, 500, 1500, 3500, 7500, 15500, 31500], sends);
        Assert.Equal(39500, timedOutAt);
        Assert.Equal(7, t.Sends);
        Assert.True(t.TimedOut);
        Assert.True(t.Finished);
        Assert.False(t.Answered);
        Assert.Null(t.Rtt);
        Assert.Equal(Ms(39500), t.CompletedAt);
        Assert.Equal(schedule.GiveUpAfter, t.CompletedAt);
        Assert.Equal(ClientTransactionTimeout.None, t.HandleTimeout(Ms(100_000)));   // finished: the timer is off
    }

    [Fact]
    public void The_schedule_counts_from_the_first_send_and_each_retransmission_from_when_it_was_handled()
    {
        var t = new ClientTransaction(IdA, StunMethod.Binding, StunRetransmission.Rfc8489, Ms(1000));
        Assert.Equal(Ms(1500), t.NextTimeout);
        Assert.Equal(ClientTransactionTimeout.None, t.HandleTimeout(Ms(1499)));   // not due yet
        Assert.Equal(1, t.Sends);
        // A driver that wakes late (real UDP): the next wait runs from the late resend.
        Assert.Equal(ClientTransactionTimeout.Retransmit, t.HandleTimeout(Ms(1600)));
        Assert.Equal(Ms(1600), t.LastSent);
        Assert.Equal(Ms(2600), t.NextTimeout);
    }

    [Fact]
    public void Rc_1_sends_once_and_waits_rm_times_rto()
    {
        var t = new ClientTransaction(IdA, StunMethod.Binding, new StunRetransmission { Rto = Ms(100), Rc = 1, Rm = 4 }, TimeSpan.Zero);
        var (sends, timedOutAt) = Run(t);
        Assert.Equal([0], sends);
        Assert.Equal(400, timedOutAt);
    }

    [Fact]
    public void A_response_matched_by_id_ends_the_transaction_and_gives_the_rtt_from_the_last_copy()
    {
        var table = new ClientTransactions<ClientTransaction>();
        var t = new ClientTransaction(IdA, StunMethod.Binding, StunRetransmission.Rfc8489, TimeSpan.Zero);
        table.Add(t);
        table.HandleTimeout(Ms(500));
        Assert.True(table.TryPollTimeout(out _, out var what));
        Assert.Equal(ClientTransactionTimeout.Retransmit, what);

        var response = new StunMessage(StunMethod.Binding, StunClass.SuccessResponse, IdA);
        Assert.True(table.TryMatch(response, out var matched));
        Assert.Same(t, matched);
        table.Complete(matched, Ms(540));

        Assert.True(t.Answered);
        Assert.True(t.Finished);
        Assert.Null(t.NextTimeout);
        Assert.Equal(Ms(40), t.Rtt);   // Karn: from the retransmission at 500 ms
        Assert.Equal(0, table.Count);
        Assert.Null(table.NextTimeout());
        Assert.False(table.TryMatch(response, out _));   // a second copy of the answer finds nothing
    }

    [Fact]
    public void A_response_with_an_unknown_id_is_ignored()
    {
        var table = new ClientTransactions<ClientTransaction>();
        var t = new ClientTransaction(IdA, StunMethod.Binding, StunRetransmission.Rfc8489, TimeSpan.Zero);
        table.Add(t);

        Assert.False(table.TryMatch(new StunMessage(StunMethod.Binding, StunClass.SuccessResponse, IdB), out _));

        Assert.False(t.Finished);
        Assert.Equal(1, table.Count);
        Assert.Equal(Ms(500), table.NextTimeout());
    }

    [Fact]
    public void Only_a_success_or_error_response_of_the_same_method_matches()
    {
        var t = new ClientTransaction(IdA, StunMethod.Allocate, StunRetransmission.Rfc8489, TimeSpan.Zero);
        Assert.False(t.Matches(new StunMessage(StunMethod.Allocate, StunClass.Request, IdA)));            // our own request, reflected
        Assert.False(t.Matches(new StunMessage(StunMethod.Allocate, StunClass.Indication, IdA)));
        Assert.False(t.Matches(new StunMessage(StunMethod.Refresh, StunClass.SuccessResponse, IdA)));     // another method
        Assert.True(t.Matches(new StunMessage(StunMethod.Allocate, StunClass.SuccessResponse, IdA)));
        Assert.True(t.Matches(new StunMessage(StunMethod.Allocate, StunClass.ErrorResponse, IdA, [new ErrorCode(ErrorCode.Unauthorized)])));
    }

    [Fact]
    public void The_table_fires_due_transactions_in_the_order_they_were_added_and_drops_those_that_timed_out()
    {
        var fast = new StunRetransmission { Rto = Ms(100), Rc = 2, Rm = 1 };
        var table = new ClientTransactions<ClientTransaction>();
        var a = new ClientTransaction(IdA, StunMethod.Binding, fast, TimeSpan.Zero);
        var b = new ClientTransaction(IdB, StunMethod.Binding, StunRetransmission.Rfc8489, TimeSpan.Zero);
        table.Add(a);
        table.Add(b);
        Assert.Equal(Ms(100), table.NextTimeout());

        table.HandleTimeout(Ms(100));   // only a is due
        Assert.True(table.TryPollTimeout(out var first, out var what));
        Assert.Same(a, first);
        Assert.Equal(ClientTransactionTimeout.Retransmit, what);
        Assert.False(table.TryPollTimeout(out _, out _));

        // At 500 ms both are due: a times out (100 + Rm × RTO = 200 ms had passed), b resends.
        table.HandleTimeout(Ms(500));
        Assert.True(table.TryPollTimeout(out first, out what));
        Assert.Same(a, first);
        Assert.Equal(ClientTransactionTimeout.TimedOut, what);
        Assert.False(table.Contains(IdA));
        Assert.True(table.TryPollTimeout(out var second, out what));
        Assert.Same(b, second);
        Assert.Equal(ClientTransactionTimeout.Retransmit, what);
        Assert.False(table.TryPollTimeout(out _, out _));
        Assert.Equal(1, table.Count);
        Assert.Equal(Ms(1500), table.NextTimeout());
    }

    [Fact]
    public void A_cancelled_transaction_stops_retransmitting_but_takes_an_answer_until_it_would_have_given_up()
    {
        var t = new ClientTransaction(IdA, StunMethod.Binding, StunRetransmission.Rfc8489, TimeSpan.Zero);
        Assert.Equal(ClientTransactionTimeout.Retransmit, t.HandleTimeout(Ms(500)));
        t.Cancel();

        Assert.True(t.Cancelled);
        Assert.Equal(StunRetransmission.Rfc8489.GiveUpAfter, t.NextTimeout);   // 39.5 s after the first send, no resend before
        Assert.True(t.Matches(new StunMessage(StunMethod.Binding, StunClass.SuccessResponse, IdA)));
        Assert.Equal(ClientTransactionTimeout.None, t.HandleTimeout(Ms(1500)));
        Assert.Equal(ClientTransactionTimeout.TimedOut, t.HandleTimeout(Ms(39500)));
        Assert.Equal(2, t.Sends);
        Assert.False(t.Matches(new StunMessage(StunMethod.Binding, StunClass.SuccessResponse, IdA)));
    }

    [Fact]
    public void Give_up_after_is_the_sum_of_the_waits()
    {
        Assert.Equal(Ms(39500), StunRetransmission.Rfc8489.GiveUpAfter);
        Assert.Equal(Ms(100 + 200 + 4 * 100), new StunRetransmission { Rto = Ms(100), Rc = 3, Rm = 4 }.GiveUpAfter);
    }
}
