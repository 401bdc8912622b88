using NatLearning.Lab;
using NatLearning.Nat;
using NatLearning.Protocols;
using NatLearning.Tests.Interactive;
using NatLearning.Tracing;

namespace NatLearning.Tests.Tracing;

/// <summary>The protocol state a player shows after each step: recorded by the machines, shown from the step that produced it.</summary>
public class ProtocolStateTests
{
    private static StateTable? State(TraceStep s, string key) => s.States.FirstOrDefault(t => t.Table.Key == key)?.Table;

    [Fact]
    public void A_lossy_stun_transaction_shows_each_retransmission_with_its_doubled_rto_at_the_step_that_sends_it()
    {
        var (net, binding) = ChapterPlayers.LossyStun();
        Assert.True(binding.Succeeded && binding.RequestsSent >= 3, $"{binding.RequestsSent} requests: not the retransmissions this test is about");
        var timeline = net.Timeline();
        var sends = 0;
        foreach (var s in timeline.Steps)
        {
            var row = State(s, "Alice · STUN transactions")?.Rows.SingleOrDefault();
            if (s.Event.Kind == TraceEventKind.Sent && s.Event.Node == "Alice")
            {
                sends++;
                Assert.NotNull(row);
                Assert.Equal($"{sends} of 7", row.Cells[2]);
                // RFC 8489 §6.2.1: RTO, then double the wait after each request.
                Assert.Equal($"{500 * (1 << (sends - 1))} ms", row.Cells[4]);
                Assert.Equal(binding.TransactionId.ToString(), row.Cells[0]);
            }
            // The ✔ appears at the step where the transaction ends (the note), not earlier.
            var done = s.Event.Kind == TraceEventKind.Note && s.Event.Detail!.Contains("done", StringComparison.Ordinal);
            var noteSeen = timeline.Steps.Take(s.Index + 1).Any(p => p.Event.Kind == TraceEventKind.Note);
            Assert.True(row is null || row.Cells[5].StartsWith('✔') == noteSeen, $"step {s.Index + 1}: state \"{row?.Cells[5]}\" ({(done ? "the note" : "not the note")})");
        }
        Assert.Equal(binding.RequestsSent, sends);
    }

    [Fact]
    public void Turn_permission_and_channel_appear_at_the_server_when_their_requests_arrive()
    {
        var timeline = ChapterPlayers.Turn().Network.Timeline();
        const string key = "TURN server · TURN allocation, permissions, channels";
        StateRow? Row(TraceStep s, string what) => State(s, key)?.Rows.FirstOrDefault(r => r.Cells[0].StartsWith(what, StringComparison.Ordinal));
        foreach (var (what, request) in new[] { ("allocation", "Allocate Request"), ("permission", "CreatePermission Request"), ("channel", "ChannelBind Request") })
        {
            var first = timeline.Steps.First(s => Row(s, what) is not null);
            Assert.Equal(EntryChange.Created, first.States.Single(t => t.Table.Key == key).Changes[State(first, key)!.Rows.ToList().IndexOf(Row(first, what)!)]);
            Assert.Equal("TURN server", first.Event.Node);
            Assert.Contains(request, PacketDescriber.Describe(timeline[first.WireStep].Event.Bytes).Info, StringComparison.Ordinal);
        }
        // RFC 8656 §9: a permission is for an IP address, any port.
        Assert.EndsWith("(any port)", Row(timeline.Steps[^1], "permission")!.Cells[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Ice_check_list_shows_success_at_its_step_and_the_nominated_pair_in_bold()
    {
        var session = ChapterPlayers.Ice();
        var timeline = session.Network.Timeline();
        const string key = "Alice · ICE check list";
        var firstSuccess = timeline.Steps.First(s => State(s, key)?.Rows.Any(r => r.Cells[3].StartsWith('✔')) == true);
        Assert.Equal(TraceEventKind.Note, firstSuccess.Event.Kind);
        Assert.Contains("→ Succeeded", firstSuccess.Event.Detail, StringComparison.Ordinal);
        Assert.Equal("Alice", firstSuccess.Event.Node);

        var last = State(timeline.Steps[^1], key)!;
        // The selected pair is a valid pair, whose local end (the address Bob saw) may differ from the checked pair's; both are nominated.
        var selected = session.Alice.Agent.SelectedPair!;
        var row = Assert.Single(last.Rows, r => r.Key == $"{selected.Local.Address} {selected.Remote.Address}");
        Assert.True(row.Strong);
        Assert.Contains("selected", row.Cells[3], StringComparison.Ordinal);
        Assert.All(last.Rows, r => Assert.Equal(r.Cells[3].Contains("nominated", StringComparison.Ordinal) || r == row, r.Strong));
        var firstBold = timeline.Steps.First(s => State(s, key)?.Rows.Any(r => r.Strong) == true);
        Assert.DoesNotContain(timeline.Steps.Take(firstBold.Index), s => s.Event.Detail?.Contains("nominated", StringComparison.Ordinal) == true && s.Event.Node == "Alice");
        Assert.Equal(session.Alice.Agent.LocalCandidates.Count + session.Alice.Agent.RemoteCandidates.Count, State(timeline.Steps[^1], "Alice · ICE candidates")!.Rows.Count);
    }

    [Fact]
    public void A_filtered_trace_keeps_the_states_on_the_events_it_keeps()
    {
        var (net, _) = ChapterPlayers.LossyStun();
        var copy = net.Trace.Where(e => e.Node != "STUN server");
        var timeline = TraceTimeline.From(copy, []);
        var sends = timeline.Steps.Where(s => s.Event.Kind == TraceEventKind.Sent && s.Event.Node == "Alice").ToList();
        for (var k = 0; k < sends.Count; k++) Assert.Equal($"{k + 1} of 7", State(sends[k], "Alice · STUN transactions")!.Rows.Single().Cells[2]);
    }
}

public class NatTypesTests
{
    [Fact]
    public void One_packet_meets_the_four_classic_nats_as_rfc_4787_says()
    {
        var types = NatTypes.Run();
        Assert.Equal(["Full cone", "Restricted cone", "Port-restricted cone", "Symmetric"], types.Steps[0].Outcomes.Select(o => o.Nat));
        string Marks(int step) => string.Concat(types.Steps[step].Outcomes.Select(o => o.Verdict[0]));
        Assert.Equal("✔✔✔✔", Marks(0));
        Assert.Equal("✔✔✔✔", Marks(1));
        Assert.Equal("✔✔✔✔", Marks(2));   // the server Alice wrote to answers from that port
        Assert.Equal("✔✔✗✗", Marks(3));   // another port of that server: address-dependent filtering lets it in
        Assert.Equal("✔✗✗✗", Marks(4));   // a stranger: only the full cone
        // Mapping: the cones reuse Alice's row for server 2; the symmetric NAT makes a new one, with another port.
        Assert.All(types.Steps[1].Outcomes.Take(3), o => Assert.Single(o.Table));
        var symmetric = types.Steps[1].Outcomes[3];
        Assert.Equal(2, symmetric.Table.Count);
        Assert.NotEqual(symmetric.Table[0].Entry.InsideGlobal, symmetric.Table[1].Entry.InsideGlobal);
        Assert.Equal(EntryChange.Created, symmetric.Table[1].Change);
        Assert.Contains("NEW row", symmetric.Verdict, StringComparison.Ordinal);
        Assert.Contains("address-and-port-dependent", types.Steps[3].Outcomes[2].Verdict, StringComparison.Ordinal);
    }
}
