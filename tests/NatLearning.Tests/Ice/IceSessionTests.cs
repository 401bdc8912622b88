using NatLearning.Ice;
using NatLearning.Lab;
using NatLearning.Stun;
using NatLearning.Tracing;

namespace NatLearning.Tests.Ice;

public class IceSessionTests
{
    [Fact]
    public void Two_public_hosts_select_a_host_pair_with_the_rfc_priority()
    {
        var s = IceSession.Run(PeerNat.None, PeerNat.None);
        Assert.Equal(CandidateType.Host, s.Outcome.Selected);
        Assert.Equal(9151314442783293438UL, s.Alice.Agent.SelectedPair!.Priority);
        // No NAT: the server-reflexive address equals the host one and is pruned as redundant.
        Assert.DoesNotContain(s.Alice.Agent.LocalCandidates, c => c.Type == CandidateType.ServerReflexive);
    }

    [Fact]
    public void Behind_cone_nats_the_server_reflexive_pair_wins_and_private_checks_are_explained()
    {
        var s = IceSession.Run(PeerNat.Parse("port-restricted-cone"), PeerNat.Parse("port-restricted-cone"));
        Assert.Equal(CandidateType.ServerReflexive, s.Outcome.Selected);
        var why = s.Explain();
        Assert.Contains(why.Pairs, p => p.Pair.State == CandidatePairState.Failed && p.Drops.Any(d => d.Reason == DropReason.NoRoute));
        Assert.Contains("Selected: srflx", why.ToString());
        // The signalling went through the server: one message each way.
        Assert.Contains(s.Network.Trace.Events, e => e.Kind == TraceEventKind.Delivered && e.Node == "Signalling");
    }

    [Fact]
    public void A_side_that_sends_no_udp_ends_the_session_instead_of_leaving_the_other_waiting()
    {
        // Alice's firewall blocks all UDP: her description never reaches signalling, Bob's agent used to wait forever.
        var s = IceSession.Run(PeerNat.Parse("udp-blocked"), PeerNat.None, turn: true);
        Assert.Equal(IceAgentState.Failed, s.Bob.Agent.State);
        Assert.Contains("never arrived", s.Bob.Agent.FailureReason);
        Assert.DoesNotContain(s.Alice.Agent.LocalCandidates, c => c.Type == CandidateType.Relayed);
        Assert.Contains(s.Bob.Agent.LocalCandidates, c => c.Type == CandidateType.Relayed);
        Assert.Contains("never exchanged candidates", s.Explain().ToString());
    }

    [Fact]
    public void Symmetric_against_port_restricted_fails_and_names_the_filtering_nat()
    {
        var s = IceSession.Run(PeerNat.Parse("symmetric"), PeerNat.Parse("port-restricted-cone"));
        Assert.False(s.Outcome.Succeeded);
        var text = s.Explain().ToString();
        Assert.Contains("address-and-port-dependent filtering", text);
        Assert.Contains("relay", text);
    }

    [Fact]
    public void Symmetric_against_full_cone_connects_through_a_peer_reflexive_candidate()
    {
        var s = IceSession.Run(PeerNat.Parse("symmetric"), PeerNat.Parse("full-cone"));
        Assert.Equal(CandidateType.PeerReflexive, s.Outcome.Selected);
        Assert.Contains(s.Bob.Agent.RemoteCandidates, c => c.Type == CandidateType.PeerReflexive);
    }

    [Fact]
    public void The_whole_grid_agrees_with_rfc_4787_section_5()
    {
        var nats = PeerNat.Grid;
        var grid = IceSession.Grid(nats);
        Assert.Equal(nats.Count * nats.Count, grid.Count);
        foreach (var o in grid)
        {
            var a = PeerNat.Parse(o.NatA);
            var b = PeerNat.Parse(o.NatB);
            // RFC 4787 §5: a mapping that changes per destination cannot reach a peer whose NAT filters by address and port.
            var needsRelay = !a.EndpointIndependentMapping && b.AddressAndPortDependentFiltering
                             || !b.EndpointIndependentMapping && a.AddressAndPortDependentFiltering;
            Assert.True(o.Succeeded == !needsRelay, o.ToString());
            if (o.Succeeded)
            {
                Assert.True(o.TimeToSelection > TimeSpan.Zero, o.ToString());
                var expectHost = a.Behavior is null && b.Behavior is null;
                Assert.Equal(expectHost, o.Selected == CandidateType.Host);
                if (!a.EndpointIndependentMapping || !b.EndpointIndependentMapping) Assert.Equal(CandidateType.PeerReflexive, o.Selected);
            }
            Assert.True(o.Packets > 4, o.ToString());
        }
        Assert.Contains(grid, o => !o.Succeeded);
        Assert.Contains(grid, o => o.Selected == CandidateType.ServerReflexive);
    }

    [Fact]
    public void The_same_seed_gives_the_same_bytes()
    {
        var x = IceSession.Run(PeerNat.CarrierGrade, PeerNat.Parse("restricted-cone"), seed: 5);
        var y = IceSession.Run(PeerNat.CarrierGrade, PeerNat.Parse("restricted-cone"), seed: 5);
        Assert.Equal(x.Network.Trace.ToPcap(), y.Network.Trace.ToPcap());
        Assert.Equal(x.Outcome, y.Outcome);
    }

    [Fact]
    public void Unknown_nat_names_list_the_valid_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => PeerNat.Parse("pretty-cone"));
        Assert.Contains("cgn", e.Message);
        Assert.Contains("symmetric", e.Message);
    }
}

public class IceScenarioTests
{
    [Fact]
    public void The_ice_scenario_shows_candidates_pairs_and_packets()
    {
        var r = NatLearning.Scenarios.ScenarioCatalog.Get("ice").Run(new NatLearning.Scenarios.ScenarioOptions { NatA = "symmetric", NatB = "full-cone" });
        var text = r.ToText();
        Assert.Contains("126 | 65535 | 255", text);
        Assert.Contains("Time     Type   Foundation Protocol Address", text);
        Assert.Contains("▶ Succeeded", text);
        Assert.Contains("Binding Request user:", text);
        Assert.Contains("prflx", text);
        Assert.NotEmpty(r.Trace.ToPcap());
        Assert.Contains("sequenceDiagram", r.Trace.ToMermaid());
    }

    [Fact]
    public void The_ice_story_counts_the_rows_its_pair_tables_show()
    {
        // Two port-restricted cones: Alice checks 2 pairs, and her valid list gains the srflx ⇄ srflx pair from an answer.
        var r = NatLearning.Scenarios.ScenarioCatalog.Get("ice").Run(new NatLearning.Scenarios.ScenarioOptions { Seed = 9 });
        var s = IceSession.Run(PeerNat.Parse("port-restricted-cone"), PeerNat.Parse("port-restricted-cone"), seed: 9);
        var rows = PairGrid.Rows(s.Alice.Agent).Count;
        Assert.True(rows > s.Alice.Agent.CheckList.Pairs.Count, $"{rows} rows");
        Assert.Contains($"so Alice's pair table has {rows} row(s)", string.Join("\n", r.Story));
    }

    [Fact]
    public void With_consent_the_scenario_keeps_the_call_for_3_minutes_then_tells_when_alice_lost_consent()
    {
        var r = NatLearning.Scenarios.ScenarioCatalog.Get("ice").Run(new NatLearning.Scenarios.ScenarioOptions { Consent = true });
        var alice = Assert.Single(r.Network.Hosts, h => h.Name == "Alice");
        bool IsStun(TraceEvent e, StunClass c) => StunMessage.TryParse(e.Bytes.AsSpan(NatLearning.Packets.Packet.HeaderLength), out var m, out _) && m.Class == c;
        var sent = r.Network.Trace.Events.Where(e => e.Kind == TraceEventKind.Sent && e.Node == "Alice").ToList();
        // The media packet marks the end of the 3 minutes; the consent checks are Alice's requests after ICE and before it.
        var media = Assert.Single(sent, e => !StunMessage.IsStun(e.Bytes.AsSpan(NatLearning.Packets.Packet.HeaderLength)) && e.Destination!.Port != IceSession.SignallingPort);
        var checks = sent.Count(e => e.Time > TimeSpan.FromSeconds(1) && e.Time < media.Time && IsStun(e, StunClass.Request));
        Assert.True(checks > 30, $"{checks} consent checks");
        var text = r.ToText();
        Assert.Contains($"Keep: for 3 minutes Alice sent {checks} consent checks", text);
        Assert.Contains("reached Bob", text);
        var lost = Assert.Single(r.Network.Trace.Events, e => e.Kind == TraceEventKind.Note && e.Node == alice.Name && e.Detail!.Contains("consent lost"));
        Assert.Contains($"At {lost.Time.TotalSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)} s, consent lost", text);
        Assert.DoesNotContain("Keep:", NatLearning.Scenarios.ScenarioCatalog.Get("ice").Run(new NatLearning.Scenarios.ScenarioOptions()).ToText());
    }

    [Fact]
    public void The_grid_scenario_tabulates_both_grids()
    {
        var r = NatLearning.Scenarios.ScenarioCatalog.Get("ice-grid").Run(new NatLearning.Scenarios.ScenarioOptions());
        Assert.Equal(2, r.Sections.Count);
        var without = r.Sections[0].Text;
        Assert.Contains("✗ failed", without);
        Assert.DoesNotContain("✗ failed", r.Sections[1].Text);
        Assert.Equal(PeerNat.Grid.Count + 1, without.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void With_turn_the_scenario_shows_a_relay_candidate_and_selects_it_between_symmetric_nats()
    {
        var r = NatLearning.Scenarios.ScenarioCatalog.Get("ice").Run(new NatLearning.Scenarios.ScenarioOptions { NatA = "symmetric", NatB = "symmetric", Turn = true });
        var text = r.ToText();
        Assert.Contains("0 | 65535 | 255", text);
        Assert.Contains(": relay (", text);
    }
}

public class IceRelayTests
{
    [Fact]
    public void With_a_turn_server_every_cell_connects_and_only_the_cells_rfc_4787_says_need_a_relay_use_one()
    {
        var nats = PeerNat.Grid;
        var grid = IceSession.Grid(nats, turn: true);
        foreach (var o in grid)
        {
            var a = PeerNat.Parse(o.NatA);
            var b = PeerNat.Parse(o.NatB);
            var needsRelay = !a.EndpointIndependentMapping && b.AddressAndPortDependentFiltering || !b.EndpointIndependentMapping && a.AddressAndPortDependentFiltering;
            Assert.True(o.Succeeded, o.ToString());
            Assert.True(o.WithRelay);
            Assert.True((o.Selected == CandidateType.Relayed) == needsRelay, o.ToString());
        }
    }

    [Fact]
    public void A_relayed_session_gathers_a_relay_candidate_with_type_preference_zero_and_its_checks_cross_the_turn_server()
    {
        var s = IceSession.Run(PeerNat.Parse("symmetric"), PeerNat.Parse("symmetric"), turn: true);
        Assert.Equal(CandidateType.Relayed, s.Outcome.Selected);
        var relay = Assert.Single(s.Alice.Agent.LocalCandidates, c => c.Type == CandidateType.Relayed);
        Assert.Equal(0, relay.TypePreference);
        Assert.Equal("0 | 65535 | 255", relay.PriorityParts);
        Assert.Contains(s.Network.Trace.Events, e => e.Kind == NatLearning.Tracing.TraceEventKind.Delivered && e.Node == "TURN");
        Assert.Contains("relay", s.Explain().ToString());
    }

    [Fact]
    public void A_session_with_turn_ends_when_its_relays_are_released_not_when_their_old_timers_would_have_fired()
    {
        var s = IceSession.Run(PeerNat.Parse("port-restricted-cone"), PeerNat.Parse("port-restricted-cone"), turn: true);
        Assert.True(s.Outcome.Succeeded);
        // Re-armed refresh and expiry timers are called off, so the session's clock stops seconds after ICE, not at the
        // 600 s allocation lifetime, and the trace carries no minutes of idle NAT expiries.
        Assert.True(s.Network.Now < TimeSpan.FromSeconds(10), $"the session ran until {s.Network.Now}");
        Assert.DoesNotContain(s.Network.Trace.Events, e => e.Kind == NatLearning.Tracing.TraceEventKind.MappingExpired);
        Assert.Equal(0, s.Network.Scheduler.PendingForeground);
    }
}
