using NatLearning.Cli;
using NatLearning.HolePunching;
using NatLearning.Lab;
using NatLearning.Nat;
using NatLearning.Scenarios;
using NatLearning.Tracing;

namespace NatLearning.Tests.Tracing;

public class TraceTimelineTests
{
    [Fact]
    public void Hole_punch_steps_show_each_nat_opening_its_hole()
    {
        var r = HolePunchExperiment.Run(PeerNat.Of(NatBehavior.PortRestrictedCone), PeerNat.Of(NatBehavior.PortRestrictedCone));
        var timeline = r.Network.Timeline();
        Assert.Equal(r.Network.Trace.Events.Count, timeline.Count);

        // Alice's first probe leaving her NAT: her row is used and now admits Bob's advertised endpoint.
        var probe = timeline.Steps.First(s => s.Event.Kind == TraceEventKind.Translated && s.Event.Node == "Alice's NAT"
                                              && PacketDescriber.Describe(s.Event.Bytes).Protocol == "PUNCH");
        var aliceTable = probe.Tables.Single(t => t.Router == "Alice's NAT");
        var row = Assert.Single(aliceTable.Rows);
        Assert.Equal(EntryChange.Hit, row.Change);
        Assert.Equal("49.36.10.25:62000", row.Entry.InsideGlobal.ToString());
        Assert.Contains("88.20.15.90:54000", row.Entry.Admits);

        // One step earlier the hole towards Bob was not open yet.
        var before = timeline[probe.Index - 1].Tables.Single(t => t.Router == "Alice's NAT").Rows.Single();
        Assert.DoesNotContain("88.20.15.90:54000", before.Entry.Admits);
        Assert.Equal(EntryChange.None, before.Change);

        // The very first mapping appears as Created at the step the NAT made it.
        var created = timeline.Steps.First(s => s.Event.Kind == TraceEventKind.MappingCreated && s.Event.Node == "Bob's NAT");
        Assert.Equal(EntryChange.Created, created.Tables.Single(t => t.Router == "Bob's NAT").Rows.Single().Change);
        Assert.Empty(timeline[created.Index - 1].Tables.Single(t => t.Router == "Bob's NAT").Rows);
        Assert.Contains("PUNCH", probe.Summary);
    }

    [Fact]
    public void An_expired_row_is_marked_then_gone()
    {
        var r = ScenarioCatalog.Get("nat-table").Run();
        var timeline = r.Network.Timeline();
        var expired = timeline.Steps.Single(s => s.Event.Kind == TraceEventKind.MappingExpired);
        Assert.Equal(EntryChange.Expired, expired.Tables.Single().Rows.Single().Change);
        Assert.Empty(timeline[expired.Index + 1].Tables.Single().Rows);
    }

    [Fact]
    public void All_steps_prints_every_step_with_its_tables()
    {
        var o = new StringWriter();
        var code = NatLearnCommand.Run(["scenario", "hole-punch", "--all-steps"], o, new StringWriter());
        Assert.Equal(0, code);
        var text = o.ToString();
        var steps = ScenarioCatalog.Get("hole-punch").Run().Network.Timeline().Count;
        Assert.Equal(steps, text.Split('\n').Count(l => l.StartsWith("Step ", StringComparison.Ordinal)));
        Assert.Contains("+ new", text);
        Assert.Contains("* used", text);
    }

    [Fact]
    public void Step_without_a_terminal_falls_back_to_all_steps()
    {
        var o = new StringWriter();
        Assert.Equal(0, NatLearnCommand.Run(["scenario", "direct", "--step"], o, new StringWriter()));
        Assert.StartsWith("(not a terminal", o.ToString());
    }
}

public class ProtocolStateInTimelineTests
{
    [Fact]
    public void Ice_pair_states_appear_as_steps_of_the_trace()
    {
        var session = NatLearning.Lab.IceSession.Run(NatLearning.Lab.PeerNat.Parse("full-cone"), NatLearning.Lab.PeerNat.Parse("full-cone"));
        var timeline = session.Network.Timeline();
        var notes = timeline.Steps.Where(s => s.Event.Kind == TraceEventKind.Note).Select(s => s.Summary).ToList();
        Assert.Contains(notes, n => n.StartsWith("ICE pair ", StringComparison.Ordinal) && n.EndsWith("Frozen → Waiting", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("ICE pair ", StringComparison.Ordinal) && n.EndsWith("InProgress → Succeeded", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("ICE completed: selected", StringComparison.Ordinal));
        // A pair succeeds only after a check went out: the note comes after the first packet of the checks.
        var firstSucceeded = timeline.Steps.First(s => s.Event.Kind == TraceEventKind.Note && s.Summary.EndsWith("→ Succeeded", StringComparison.Ordinal));
        Assert.Contains(timeline.Steps.Take(firstSucceeded.Index), s => s.Event.IsWirePacket && PacketDescriber.Describe(s.Event.Bytes).Info.StartsWith("Binding Request", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stun_transaction_completing_is_a_step_after_its_response_arrives()
    {
        var r = ScenarioCatalog.Get("stun").Run();
        var timeline = r.Network.Timeline();
        var done = timeline.Steps.Single(s => s.Event.Kind == TraceEventKind.Note && s.Summary.StartsWith("STUN Binding transaction", StringComparison.Ordinal));
        Assert.Contains("mapped address 49.36.10.25:62000", done.Summary);
        var response = timeline.Steps.Last(s => s.Event.Kind == TraceEventKind.Delivered && s.Event.Node == "Alice");
        Assert.True(done.Index > response.Index);
    }

    [Fact]
    public void Turn_permissions_appear_as_steps_of_the_trace()
    {
        var r = ScenarioCatalog.Get("turn").Run();
        var notes = r.Network.Timeline().Steps.Where(s => s.Event.Kind == TraceEventKind.Note).Select(s => s.Summary).ToList();
        Assert.Contains(notes, n => n.Contains("permission", StringComparison.OrdinalIgnoreCase));
    }
}

public class TraceStepPacketTests
{
    /// <summary>
    /// Chapter 04, step 8: the stranger's packet (packet 4) is dropped after the server's answer (packet 5) left the
    /// router. The step of the drop is about packet 4; it used to highlight packet 5, the latest one sent.
    /// </summary>
    [Fact]
    public void A_drop_is_about_the_packet_it_dropped_not_the_latest_one_sent()
    {
        var timeline = NatLearning.Tests.Interactive.ChapterPlayers.Hole().Timeline();
        var wire = timeline.Steps.Where(s => s.Event.IsWirePacket).Select(s => s.Index).ToList();
        var drop = timeline.Steps.Single(s => s.Event.Kind == TraceEventKind.Dropped);
        Assert.Equal(7, drop.Index);                                            // step 8 of the chapter's player
        Assert.Equal(drop.Event.PacketId, timeline[drop.WireStep].Event.PacketId);
        Assert.Equal(4, wire.IndexOf(drop.WireStep) + 1);                       // packet 4 in the packet list
        Assert.True(wire.IndexOf(wire.Max()) + 1 == 5 && wire.Max() < drop.Index, "packet 5 was sent before the drop: the case this test is about");
    }

    [Fact]
    public void Every_step_names_the_packet_it_is_about()
    {
        foreach (var net in new[] { NatLearning.Tests.Interactive.ChapterPlayers.Hole(), NatLearning.Tests.Interactive.ChapterPlayers.LossyStun().Network, NatLearning.Tests.Interactive.ChapterPlayers.Turn().Network })
        {
            var timeline = net.Timeline();
            foreach (var s in timeline.Steps)
            {
                if (s.Event.IsWirePacket) Assert.Equal(s.Index, s.WireStep);
                else if (s.Event.PacketId != 0) Assert.Equal(s.Event.PacketId, timeline[s.WireStep].Event.PacketId);
                else Assert.True(s.WireStep < s.Index);
            }
        }
    }
}
