using System.Net;
using NatLearning.Addressing;
using NatLearning.HolePunching;
using NatLearning.Ice;
using NatLearning.Lab;
using NatLearning.Nat;
using NatLearning.Packets;
using NatLearning.Protocols;
using NatLearning.Scenarios;
using NatLearning.Simulation;
using NatLearning.Stun;
using NatLearning.Tracing;
using NatLearning.Turn;

namespace NatLearning.Interactive;

public static partial class Course
{
    private static readonly HashSet<Type> Views = [];

    /// <summary>Every type Load registered an HTML view for (a view for a base type covers its subtypes); the coverage test reads it.</summary>
    internal static IReadOnlyCollection<Type> HtmlViews
    {
        get { lock (Gate) return [.. Views]; }
    }

    // The views of every value a chapter shows besides traces, tables and diagrams: reports as cards with their verdict
    // first, families (attributes, enums, events, options) through one view each. A new public type of the library
    // needs a line here or an opt-out in FormatterCoverageTests.
    private static void RegisterValueViews()
    {
        // Reports: the answer in bold, then the details.
        Register<NatBehaviorReport>(NatBehaviorReportHtml.Render, r => r.ToText());
        Register<BindingResult>(BindingResultHtml.Render, r => r.Summary);
        Register<HolePunchResult>(HolePunchResultHtml.Render, r => r.ToText());
        Register<BirthdayResult>(BirthdayResultHtml.Render, r => r.ToText());
        Register<IceExplanation>(IceExplanationHtml.Render, x => x.ToString());
        Register<IceOutcome>(IceOutcomeHtml.Render, o => o.ToString());
        Register<PopulationReport>(PopulationReportHtml.Render, r => r.ToString());
        Register<RelayCostReport>(RelayCostReportHtml.Render, r => r.ToText());
        Register<StateTable>(StateTableHtml.Render, StateTableHtml.Text);

        // Values of the protocols and the simulation.
        Register<Candidate>(CandidateHtml.Render, c => c.ToString());
        Register<CandidateLines>(CandidateLinesHtml.Render, l => l.ToText());
        Card<CandidateAttribute>();
        Register<CandidatePair>(CandidatePairHtml.Render, p => p.ToString());
        Register<ValidList>(ValidListHtml.Render, v => string.Join("\n", v.Pairs));
        Register<NatTableEntry>(NatTableEntryHtml.Render, e => e.ToString());
        Register<Datagram>(DatagramHtml.Render, d => d.ToString());
        Register<ReceivedDatagram>(ReceivedDatagramHtml.Render, d => d.ToString());
        Register<StunTranscriptEntry>(StunTranscriptEntryHtml.Render, e => e.ToString());
        Register<StunAttribute>(StunAttributeHtml.Render, a => a.ToString());
        Register<TraceEvent>(TraceEventHtml.Render, e => e.ToString());
        Register<Packet>(PacketHtml.Render, p => $"{p.Source} → {p.Destination}, {p.Length} bytes");
        Register<NatRouter>(NatRouterHtml.Render, n => n.ToString());
        Register<Host>(HostHtml.Render, h => h.ToString());
        Register<Scenario>(ScenarioHtml.Render, s => $"{s.Name}: {s.Title}");

        // Framework values the library hands out everywhere: IPAddress's reflection view throws (ScopeId of IPv4).
        Register<IPEndPoint>(EndpointHtml.Render, e => e.ToString());
        Register<IPAddress>(EndpointHtml.Render, a => a.ToString());
        Register<Enum>(EnumHtml.Render, e => e.ToString());

        // Records of simple values, events, options and machines: one safe generic card.
        Card<StunCredential>();
        Card<IceEvent>();
        Card<RelayedIceEvent>();
        Card<HolePunchEvent>();
        Card<TurnEvent>();
        Card<StunServerEvent>();
        Card<Node>();
        Card<Segment>();
        Card<Attachment>();
        Card<Link>();
        Card<UdpSocket>();
        Card<Scheduler>();
        Card<SeededRandom>();
        Card<AddressRange>();
        Card<NatBehavior>();
        Card<PeerNat>();
        Card<StageSide>();
        Card<ScenarioOptions>();
        Card<IceOptions>();
        Card<PopulationOptions>();
        Card<HolePunchOptions>();
        Card<BirthdayOptions>();
        Card<BirthdayRow>();
        Card<TurnServerOptions>();
        Card<MermaidOptions>();
        Card<RelayCostModel>();
        Card<RelayTraffic>();
        Card<Permission>();
        Card<ChannelBinding>();
        Card<ChannelData>();
        Card<TransactionId>();
        Card<StunRetransmission>();
        Card<IceCredentials>();
        Card<IceDescription>();
        Card<Foundation>();
        Card<CheckList>();
        Card<IceExplanation.PairFate>();
        Card<CandidatesTable.Row>();
        Card<PairGrid.Row>();
        Card<SignalMessage>();
        Card<PacketRow>();
        Card<TraceStep>();
        Card<TraceTimeline>();
        Card<NatTableAtStep>();
        Card<NatRowAtStep>();
        Card<StunClient>();
        Card<StunServer>();
        Card<ClientTransaction>();
        Card<StunTransaction>();
        Card<SimulatedStunServer>();
        Card<NatBehaviorDiscovery>();
        Card<TurnClient>();
        Card<TurnServer>();
        Card<HolePuncher>();
        Card<SignallingServer>();
        Card<SimulatedDriver>();
        Card<UdpDriver>();
        Card<IProtocolMachine>();       // any other machine, TracedMachine<T> among them
        Card<StateRow>();
        Card<TraceState>();
        Card<StateTableAtStep>();
        Card<DiagramArrow>();
        Card<MermaidPhase>();
        Card<NatTypes>();
        Card<NatTypesStep>();
        Card<NatUnderTest>();
        Card<NatTypeOutcome>();
        Card<PeerPolicy>();
        Card<PeerAddressRange>();
        // A policy's rule lists are arrays, often empty: an empty array would fall back to the reflection view.
        Register<PeerAddressRange[]>(a => Html.View(a.Length == 0 ? "<p><i>(no ranges)</i></p>" : "<ul>" + string.Concat(a.Select(r => $"<li>{Html.Code(r)}</li>")) + "</ul>"),
            a => a.Length == 0 ? "(no ranges)" : string.Join(", ", a.Select(r => r.ToString())));
    }

    private static void Card<T>() where T : notnull => Register<T>(v => ValueCardHtml.Render(v), v => ValueCardHtml.Text(v));
}
