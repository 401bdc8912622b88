using System.Collections;
using System.Reflection;
using Microsoft.DotNet.Interactive.Formatting;
using NatLearning.HolePunching;
using NatLearning.Ice;
using NatLearning.Interactive;
using NatLearning.Lab;
using NatLearning.Nat;
using NatLearning.Packets;
using NatLearning.Scenarios;
using NatLearning.Simulation;
using NatLearning.Stun;

namespace NatLearning.Tests.Interactive;

/// <summary>
/// No public type of the library falls back to .NET Interactive's reflection table: each has an HTML view registered
/// by global::NatLearning.Interactive.Course.Load (its own or its family's), or sits on the opt-out list below with the reason it is never displayed.
/// Instances gathered from real runs are formatted to prove the views render.
/// </summary>
public class FormatterCoverageTests
{
    public FormatterCoverageTests() => global::NatLearning.Interactive.Course.Load();

    /// <summary>Types that never reach a notebook output, and why. Static classes are left out by rule: no instance exists.</summary>
    private static readonly Dictionary<Type, string> OptOut = new()
    {
        [typeof(NatLearning.Packets.IPayloadDescriber)] = "an interface: the packet list's plug-in point, never a value in a cell",
        [typeof(StunPayloadDescriber)] = "a payload describer the packet list calls for its Info column; a cell shows the packet list, not the describer",
        [typeof(NatLearning.Turn.ChannelDataDescriber)] = "a payload describer the packet list calls for its Info column",
        [typeof(SignalDescriber)] = "a payload describer the packet list calls for its Info column",
        [typeof(NatLearning.Protocols.IStateReporter)] = "an interface the machines implement so the player can record their state; each machine has its own view, which a view of the interface would hide",
        [typeof(NatLearning.Protocols.IRandomSource)] = "an interface: where a machine draws its random numbers from, handed to its constructor, never a cell's result",
        [typeof(NatLearning.Protocols.OsRandom)] = "the real network's random source, passed to a machine by the command line; nothing to show but that it is random",
        [typeof(StunFormatException)] = "an exception: the kernel shows exceptions with its own error view",
    };

    // .NET Interactive's default object view: a tree of property tables, and the plain-text block inside it.
    private static readonly string[] ReflectionMarkup = ["dni-treeview", "dni-plaintext", "dni-code-hint"];

    public static TheoryData<string> PublicTypes()
    {
        var data = new TheoryData<string>();
        foreach (var t in CoreTypes()) data.Add(t.FullName!);
        return data;
    }

    [Theory]
    [MemberData(nameof(PublicTypes))]
    public void Every_public_type_has_an_html_view_or_an_opt_out_with_a_reason(string typeName)
    {
        var type = CoreTypes().Single(t => t.FullName == typeName);
        // A generic type is displayed closed over some argument: check it as a value of one would be.
        if (type.IsGenericTypeDefinition) type = type.MakeGenericType([.. type.GetGenericArguments().Select(_ => typeof(object))]);
        if (IsOptedOut(type, out var reason))
        {
            Assert.False(string.IsNullOrWhiteSpace(reason));
            Assert.DoesNotContain(global::NatLearning.Interactive.Course.HtmlViews, v => v.IsAssignableFrom(type));    // an opt-out that has a view is stale
            return;
        }
        var view = global::NatLearning.Interactive.Course.HtmlViews.Where(v => v.IsAssignableFrom(type)).OrderBy(v => Depth(type, v)).FirstOrDefault();
        Assert.True(view is not null, $"{type.FullName} has no HTML view: register one in Course (CourseViews.cs) or opt it out with a reason in {nameof(FormatterCoverageTests)}.");
        // .NET Interactive itself must pick the registered view for the type (not its default object formatter).
        var formatter = Formatter.GetPreferredFormatterFor(type, HtmlFormatter.MimeType);
        Assert.True(formatter.Type.IsAssignableFrom(type) && global::NatLearning.Interactive.Course.HtmlViews.Contains(formatter.Type),
            $"{type.FullName} is formatted by {formatter.GetType().Name} for {formatter.Type}, not by the view registered for {view}.");
    }

    [Fact]
    public void The_opt_out_list_names_only_types_that_exist_and_are_public()
    {
        var core = CoreTypes().ToHashSet();
        foreach (var t in OptOut.Keys) Assert.Contains(t, core);
    }

    [Fact]
    public void Every_value_reachable_from_real_runs_renders_without_the_reflection_table()
    {
        var found = Harvest();
        // The reports a chapter shows must be among them, so the sweep really covers what students see.
        foreach (var t in new[] { typeof(NatBehaviorReport), typeof(BindingResult), typeof(HolePunchResult), typeof(BirthdayResult), typeof(IceExplanation),
                     typeof(IceOutcome), typeof(PopulationReport), typeof(NatLearning.Turn.RelayCostReport), typeof(ScenarioResult), typeof(Candidate),
                     typeof(CandidatePair), typeof(ValidList), typeof(NatTableEntry), typeof(StunMessage), typeof(NatLearning.Stun.Attributes.XorMappedAddress),
                     typeof(ReceivedDatagram), typeof(NatLearning.Tracing.TraceEvent), typeof(NatLearning.Turn.Allocation), typeof(IceExplanation.PairFate) })
            Assert.True(found.ContainsKey(t), $"no {t.Name} was reached from the runs");
        var failures = new List<string>();
        foreach (var (type, value) in found.OrderBy(kv => kv.Key.FullName, StringComparer.Ordinal))
        {
            var html = value.ToDisplayString(HtmlFormatter.MimeType);
            var text = value.ToDisplayString(PlainTextFormatter.MimeType);
            if (ReflectionMarkup.FirstOrDefault(html.Contains) is { } markup) failures.Add($"{type.Name}: reflection markup {markup}");
            if (html.Contains("Exception", StringComparison.Ordinal) && value is not Exception) failures.Add($"{type.Name}: an exception in the output");
            if (string.IsNullOrWhiteSpace(text)) failures.Add($"{type.Name}: empty plain text");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(found.Count >= 60, $"only {found.Count} types reached; the sweep lost its roots");
    }

    [Fact]
    public void A_nat_behaviour_report_shows_its_verdict_first_and_no_socket_exception()
    {
        var report = Discover(NatBehavior.Symmetric);
        var html = report.ToDisplayString(HtmlFormatter.MimeType);
        Assert.DoesNotContain("SocketException", html);
        Assert.DoesNotContain("dni-treeview", html);
        // The verdict is the first thing in the card, in the bold verdict line, before any detail row.
        var verdict = html.IndexOf("<div class=\"nl-verdict\">Symmetric NAT", StringComparison.Ordinal);
        Assert.True(verdict > 0, html);
        Assert.True(verdict < html.IndexOf("<table", StringComparison.Ordinal));
        Assert.Contains("address-and-port-dependent", html);
        Assert.Contains(report.MappedAddress!.ToString(), html);
        Assert.Equal(report.ToText(), report.ToDisplayString(PlainTextFormatter.MimeType));
    }

    [Fact]
    public void An_ipv4_endpoint_displays_as_its_text()
    {
        var e = new System.Net.IPEndPoint(System.Net.IPAddress.Parse("49.36.10.25"), 62000);
        Assert.Equal("<code class=\"nl-value\">49.36.10.25:62000</code>", e.ToDisplayString(HtmlFormatter.MimeType));
        Assert.DoesNotContain("SocketException", e.Address.ToDisplayString(HtmlFormatter.MimeType));
    }

    [Fact]
    public void A_long_packet_list_folds_behind_show_all_and_keeps_every_row()
    {
        var trace = ScenarioCatalog.Get("turn").Run().Trace;
        var rows = NatLearning.Tracing.PacketList.Rows(trace).Count;
        Assert.True(rows > Fold.Limit, $"the turn scenario has only {rows} rows");
        var html = trace.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Contains($"show all {rows} rows", html);
        Assert.Equal(rows - Fold.Shown, CountOf(html, "<tr class=\"nl-rest "));
        Assert.Equal(rows, CountOf(html, "<tr class=\""));
        // The toggle sits right before the scroll box it folds: the CSS hides the rest with the sibling combinator.
        Assert.Contains("</details><div class=\"nl-scroll\"><table class=\"packets\">", html);
    }

    [Fact]
    public void A_short_table_is_not_folded()
    {
        var html = ScenarioCatalog.Get("direct").Run().Trace.ToDisplayString(HtmlFormatter.MimeType);
        Assert.DoesNotContain("<tr class=\"nl-rest", html);
        Assert.DoesNotContain("▾ show all", html);
    }

    [Fact]
    public void A_tall_scenario_result_keeps_its_story_above_the_clip()
    {
        var r = ScenarioCatalog.Get("turn").Run();
        var html = r.ToDisplayString(HtmlFormatter.MimeType);
        var clip = html.IndexOf("<div class=\"nl-clip\">", StringComparison.Ordinal);
        Assert.True(clip > 0);
        Assert.True(html.IndexOf("<ul class=\"story\">", StringComparison.Ordinal) < clip);
        Assert.True(html.IndexOf("<h3>Packets</h3>", StringComparison.Ordinal) > clip);
    }

    [Fact]
    public void An_ice_explanation_is_a_table_of_pair_fates_with_the_reasons_wrapped()
    {
        var s = IceSession.Run(PeerNat.Parse("port-restricted-cone"), PeerNat.Parse("symmetric"), seed: 3);
        var x = s.Explain();
        var html = x.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Contains($"<div class=\"nl-verdict\">{System.Net.WebUtility.HtmlEncode(x.Winner[0])}</div>", html);
        Assert.Equal(x.Pairs.Count, CountOf(html, "<td class=\"wrap\">"));
        Assert.DoesNotContain("<pre", html);
    }

    private static NatBehaviorReport Discover(NatBehavior behavior)
    {
        var world = new Network(seed: 5780);
        var server = SimulatedStunServer.Add(world, "STUN server", "198.51.100.1", "198.51.100.2");
        var host = world.AddNat("Alice's router", behavior, "49.36.10.25").AddHost("Alice", "192.168.1.10");
        return StunSimulation.Discover(host.Bind(5000), host.Bind(5001), server.Endpoint, []);
    }

    /// <summary>One instance of every core type reachable from a few real runs, walking public properties and the first items of collections.</summary>
    private static Dictionary<Type, object> Harvest()
    {
        var world = new Network(seed: 6);
        var stun = SimulatedStunServer.Add(world, "STUN server", "198.51.100.1", "198.51.100.2");
        var alice = world.AddNat("Alice's router", NatBehavior.PortRestrictedCone, "49.36.10.25").AddHost("Alice", "192.168.1.10");
        var socket = alice.Bind(5000);
        var binding = StunSimulation.Binding(socket, stun.Endpoint);
        var ice = IceSession.Run(PeerNat.Parse("port-restricted-cone"), PeerNat.Parse("symmetric"), seed: 3, turn: true);
        var direct = new Network(seed: 1);
        var bobSocket = direct.AddHost("Bob", "88.20.15.90").Bind(7000);
        direct.AddHost("Carol", "77.88.99.11").Bind(4444).Send(bobSocket.LocalEndPoint, "hello Bob");
        direct.RunFor(TimeSpan.FromSeconds(1));
        var relay = direct.AddHost("TURN server", "203.0.113.5");
        var (turnServer, _) = NatLearning.Lab.SimulatedTurn.Serve(relay, "natlearning.example", new Dictionary<string, string> { ["alice"] = "secret" });
        var (turnClient, turnDriver) = NatLearning.Lab.SimulatedTurn.Connect(direct.AddHost("Dave", "45.10.20.30"), turnServer.Listen, "alice", "secret");
        turnClient.Allocate(direct.Now);
        turnDriver.Pump();
        direct.RunFor(TimeSpan.FromSeconds(1));
        turnClient.CreatePermission(direct.Now, bobSocket.LocalEndPoint);
        turnDriver.Pump();
        direct.RunFor(TimeSpan.FromSeconds(1));
        var (costRun, cost) = new RelayCostScenario().Simulate(new ScenarioOptions { Seed = 8 });
        object[] roots =
        [
            binding, world, socket, bobSocket.ReceiveAll(), turnServer, turnClient, turnDriver, Discover(NatBehavior.Symmetric), ice, ice.Explain(), ice.Outcome,
            ScenarioCatalog.Get("turn").Run(), ScenarioCatalog.Get("nat-rule").Run(), ScenarioCatalog.Get("hole-punch").Run(), costRun, cost,
            HolePunchExperiment.Run(PeerNat.Of(NatBehavior.PortRestrictedCone), PeerNat.Of(NatBehavior.PortRestrictedCone), seed: 5),
            BirthdayExperiment.Run(new BirthdayOptions { OpenPorts = 64, ProbeCounts = [16, 64], Trials = 4 }),
            Population.Run(new PopulationOptions { Peers = 6, Seed = 2 }),
            world.Timeline(), ScenarioCatalog.All[0], new ScenarioOptions(), new IceOptions(),
            new NatLearning.Tracing.MermaidOptions(), NatBehavior.Symmetric, ice.Network.Trace.Events.First(),
            Candidate.ParseSdp("candidate:1 1 udp 2130706431 192.168.1.10 5000 typ host"),
            new NatLearning.Protocols.Datagram(socket.LocalEndPoint, stun.Endpoint, "hello"u8.ToArray()),
            NatLearning.Packets.Packet.Parse(ice.Network.Trace.WirePackets.First().Bytes!),
        ];
        var found = new Dictionary<Type, object>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var core = typeof(Network).Assembly;
        var queue = new Queue<(object Value, int Depth)>(roots.Select(r => (r, 0)));
        while (queue.Count > 0)
        {
            var (value, depth) = queue.Dequeue();
            var type = value.GetType();
            if (type.IsValueType ? false : !seen.Add(value)) continue;
            if (type.Assembly == core && type.IsVisible) found.TryAdd(type, value);
            if (depth == 8) continue;
            if (value is IEnumerable items and not string and not byte[])
            {
                foreach (var item in items.Cast<object?>().Take(40))
                    if (item is not null) queue.Enqueue((item, depth + 1));
            }
            if (type.Assembly != core) continue;
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (p.GetIndexParameters().Length > 0 || p.PropertyType.IsByRefLike) continue;
                object? v;
                try { v = p.GetValue(value); }
                catch (TargetInvocationException) { continue; }
                if (v is not null) queue.Enqueue((v, depth + 1));
            }
        }
        return found;
    }

    private static IEnumerable<Type> CoreTypes() =>
        typeof(Network).Assembly.GetExportedTypes().Where(t => !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)));

    private static bool IsOptedOut(Type type, out string reason)
    {
        if (type is { IsAbstract: true, IsSealed: true })
        {
            reason = "a static class: no instance exists to display";
            return true;
        }
        var key = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        return OptOut.TryGetValue(key, out reason!);
    }

    private static int Depth(Type type, Type view)
    {
        var d = 0;
        for (var t = type; t is not null && t != view; t = t.BaseType) d++;
        return d;
    }

    private static int CountOf(string s, string what)
    {
        var n = 0;
        for (var i = s.IndexOf(what, StringComparison.Ordinal); i >= 0; i = s.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
