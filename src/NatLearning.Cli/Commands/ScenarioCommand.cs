using System.CommandLine;
using NatLearning.Scenarios;
using NatLearning.Tracing;

namespace NatLearning.Cli.Commands;

/// <summary><c>natlearn scenario NAME [--seed N] [--pcap FILE] [--mermaid FILE]</c>: runs a scenario and prints its packets and NAT tables.</summary>
internal static class ScenarioCommand
{
    public static Command Build()
    {
        var names = string.Join(", ", ScenarioCatalog.Names);
        var name = new Argument<string>("name") { Description = $"The scenario to run: {names}." };
        name.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<string>();
            if (v is not null && !ScenarioCatalog.TryGet(v, out _)) r.AddError($"Unknown scenario '{v}'. Valid: {names}.");
        });
        var seed = new Option<long>("--seed") { Description = "Seed for every random choice; the same seed gives the same trace.", DefaultValueFactory = _ => 1 };
        var pcap = new Option<FileInfo?>("--pcap") { Description = "Also write the packets as a pcap file (Wireshark, tshark)." };
        var mermaid = new Option<FileInfo?>("--mermaid") { Description = "Also write a Mermaid sequence diagram of the trace." };
        var natNames = string.Join(", ", ScenarioOptions.NatNames);
        Option<string> NatOption(string option, string who)
        {
            var o = new Option<string>(option) { Description = $"{who}'s NAT for hole-punch (and later ice): {natNames}.", DefaultValueFactory = _ => "port-restricted-cone" };
            o.Validators.Add(r =>
            {
                var v = r.GetValueOrDefault<string>();
                if (!ScenarioOptions.NatNames.Contains(v, StringComparer.OrdinalIgnoreCase)) r.AddError($"Unknown NAT type '{v}' for {option}. Valid: {natNames}.");
            });
            return o;
        }
        var natA = NatOption("--nat-a", "Alice");
        var natB = NatOption("--nat-b", "Bob");
        var step = new Option<bool>("--step") { Description = "Walk the trace one step at a time (Enter/→ next, Backspace/← back, Home reset, q quit), with every NAT table as it stood." };
        var allSteps = new Option<bool>("--all-steps") { Description = "Print every step of the trace with the NAT tables after it (for a file or a pipe)." };
        var peers = OptionValues.Whole("--peers", "How many peers the population scenario simulates (2 to 1000000).", 1000, 2, 1_000_000);
        var turn = new Option<bool>("--turn") { Description = "Offer a TURN server (ice): pairs with no direct path are relayed." };
        var consent = new Option<bool>("--consent") { Description = "ice: keep the call going for 3 minutes with consent checks (RFC 7675), then Bob leaves and Alice loses consent." };
        var nomination = new Option<string>("--nomination") { Description = "ice: how Alice nominates: regular (RFC 8445, the default) or aggressive (RFC 5245, USE-CANDIDATE on every check).", DefaultValueFactory = _ => "regular" };
        nomination.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<string>();
            if (!Enum.TryParse<NatLearning.Ice.NominationMode>(v, ignoreCase: true, out _)) r.AddError($"Unknown nomination '{v}' for --nomination. Valid: regular, aggressive.");
        });
        var cmd = new Command("scenario", "Run a simulated scenario and print its packet list and NAT tables.") { name, seed, pcap, mermaid, natA, natB, peers, turn, consent, nomination, step, allSteps };
        cmd.Description += "\n\nScenarios:\n" + string.Join("\n", ScenarioCatalog.All.Select(s => $"  {s.Name,-16}{s.Summary}"));
        cmd.SetAction(parse =>
        {
            var scenario = ScenarioCatalog.Get(parse.GetValue(name)!);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = scenario.Run(new ScenarioOptions { Seed = parse.GetValue(seed), NatA = parse.GetValue(natA)!, NatB = parse.GetValue(natB)!, Peers = parse.GetValue(peers), Turn = parse.GetValue(turn), Consent = parse.GetValue(consent),
                Nomination = Enum.Parse<NatLearning.Ice.NominationMode>(parse.GetValue(nomination)!, ignoreCase: true) });
            var pcapFile = parse.GetValue(pcap);
            var mermaidFile = parse.GetValue(mermaid);
            // Everything is computed before any file is touched; each file is written whole or not at all.
            if (pcapFile is not null) result.Trace.WritePcap(pcapFile.FullName);
            if (mermaidFile is not null) AtomicFile.WriteText(mermaidFile.FullName, result.Trace.ToMermaid());
            var o = parse.InvocationConfiguration.Output;
            if (parse.GetValue(step) || parse.GetValue(allSteps))
            {
                var timeline = result.Network.Timeline();
                if (parse.GetValue(step) && !Console.IsInputRedirected && ReferenceEquals(o, Console.Out))
                    return StepPlayer.Run(timeline, o);
                if (parse.GetValue(step)) o.WriteLine("(not a terminal: printing every step, as --all-steps does)");
                foreach (var s in timeline.Steps) o.Write(s.ToText());
                return 0;
            }
            o.Write(result.ToText());
            o.WriteLine($"\n(simulated in {clock.Elapsed.TotalSeconds:0.00} s of wall time)");
            if (pcapFile is not null) o.WriteLine($"\nWrote {result.Trace.WirePackets.Count()} packets to {pcapFile.FullName}");
            if (mermaidFile is not null) o.WriteLine($"Wrote the sequence diagram to {mermaidFile.FullName}");
            return 0;
        });
        return cmd;
    }
}
