using System.Collections.Concurrent;
using System.CommandLine;
using System.Net;
using System.Text;
using NatLearning.Ice;
using NatLearning.Lab;
using NatLearning.Protocols;
using NatLearning.Turn;

namespace NatLearning.Cli.Commands;

/// <summary>
/// <c>natlearn ice --relay HOST:PORT --user NAME:PASSWORD</c>: two ICE agents in this process, Alice and Bob, each with
/// only a relayed candidate from the given TURN server and each on its own real UDP socket, swap their descriptions
/// in-process, check the relay ⇄ relay pair, nominate it, and send a message over it, printing every step.
/// </summary>
internal static class IceCommand
{
    // Media is plain UDP: the message is sent again until it arrives (the controlled side may complete a moment later).
    private static readonly TimeSpan Resend = TimeSpan.FromMilliseconds(500);
    // Once the message has arrived, how long the allocations may take to be released before we stop waiting.
    private static readonly TimeSpan ReleaseGrace = TimeSpan.FromSeconds(3);

    private const int MaxMessageBytes = 65_000;

    public static Command Build()
    {
        var relay = new Option<string>("--relay") { Description = "The TURN server as HOST:PORT (port 3478 if left out).", Required = true };
        var user = new Option<string>("--user") { Description = "Long-term credential as NAME:PASSWORD (both agents use it).", Required = true };
        var message = new Option<string>("--message") { Description = "What Alice sends Bob over the selected pair.", DefaultValueFactory = _ => "hello over ICE through the relay" };
        message.Validators.Add(r =>
        {
            // One UDP datagram through the relay, as a Send indication (about 50 bytes of STUN around it) or as ChannelData.
            var bytes = Encoding.UTF8.GetByteCount(r.GetValueOrDefault<string>() ?? "");
            if (bytes > MaxMessageBytes) r.AddError($"--message is {bytes} bytes in UTF-8; at most {MaxMessageBytes} fit one UDP datagram through the relay.");
        });
        var timeout = OptionValues.Seconds("--timeout", "Seconds to wait for the whole session (at most 3600).", 15, 3600);
        var cmd = new Command("ice", "Two ICE agents connect relay ⇄ relay through a TURN server over real UDP (allocate, permissions, checks, nomination, a message).")
            { relay, user, message, timeout };
        cmd.SetAction(parse =>
        {
            IPEndPoint server;
            try
            {
                server = RealNetwork.Resolve(parse.GetValue(relay)!);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"--relay: {e.Message}");
            }
            var (name, password) = TurnCredentials.Parse(parse.GetValue(user)!);
            return Connect(server, name, password, parse.GetValue(message)!, TimeSpan.FromSeconds(parse.GetValue(timeout)),
                parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error).GetAwaiter().GetResult();
        });
        return cmd;
    }

    public static async Task<int> Connect(IPEndPoint server, string name, string password, string message, TimeSpan timeout, TextWriter output, TextWriter error)
    {
        IPAddress local;
        try
        {
            local = RealNetwork.LocalAddressFor(server);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--relay: {e.Message}");
        }
        var log = TextWriter.Synchronized(output);
        using var udpA = new UdpDriver(new IPEndPoint(local, 0));
        using var udpB = new UdpDriver(new IPEndPoint(local, 0));
        var random = new OsRandom();
        var options = new IceOptions { Timeout = timeout };
        // Relay only: no host candidate. The server decides which peers it relays to; a refusal shows as a TURN step.
        RelayedIceAgent Agent(string who, IceRole role, UdpDriver udp) =>
            new(new IceAgent(who, role, random, options), new TurnClient(udp.LocalEndPoints[0], server, name, password, random)) { PermitPeer = _ => true };
        var alice = new Peer(Agent("Alice", IceRole.Controlling, udpA), log);
        var bob = new Peer(Agent("Bob", IceRole.Controlled, udpB), log);
        var payload = Encoding.UTF8.GetBytes(message);
        using var stop = new CancellationTokenSource(timeout);
        var failure = default(string);
        var rejection = default(string);
        var received = 0;
        void Fail(string why)
        {
            Interlocked.CompareExchange(ref failure, why, null);
            stop.Cancel();
        }
        void Common(Peer me, Peer other, RelayedIceEvent e)
        {
            switch (e)
            {
                case RelayedIceEvent.Ice { Event: IceEvent.GatheringComplete g }:
                    // The signalling channel, in-process: the peer's own thread takes the description.
                    log.WriteLine($"{g.Time.TotalSeconds,8:0.000} s  {me.Name}: description (ufrag {g.Description.Credentials.Ufrag}, {g.Description.Candidates.Count} candidate(s)) handed to {other.Name}");
                    other.Post(now => other.Machine.SetRemoteDescription(now, g.Description));
                    break;
                case RelayedIceEvent.Ice { Event: IceEvent.Failed f }:
                    Fail($"ICE failed for {me.Name}: {f.Reason}" + (rejection is null ? "" : $" (the relay refused: {Refused(server, rejection)})"));
                    break;
                case RelayedIceEvent.Turn { Event: { Kind: TurnEventKind.Failed } t } when me.Machine.Turn.RelayedAddress is null:
                    // No allocation, so no candidate: this, not ICE's "no candidate pair" that follows, is what went wrong.
                    Fail($"{me.Name}'s TURN client: {t.Description}");
                    break;
                case RelayedIceEvent.Turn { Event: { Kind: TurnEventKind.Rejected } t }:
                    rejection = t.Description;
                    break;
            }
        }
        alice.OnEvent = (e, now) =>
        {
            Common(alice, bob, e);
            if (e is RelayedIceEvent.Ice { Event: IceEvent.Selected }) SendMessage(now);
        };
        alice.OnWake = now =>
        {
            if (Volatile.Read(ref received) == 0) SendMessage(now);
        };
        void SendMessage(TimeSpan now)
        {
            if (!alice.Machine.SendData(now, payload)) return;
            var pair = alice.Machine.Agent.SelectedPair!;
            log.WriteLine($"{now.TotalSeconds,8:0.000} s  Alice: sent \"{ClientText.Printable(message)}\" to {pair.Remote.Address} from {pair.Local.Address} (through the relay)");
            alice.Wake = now + Resend;
        }
        bob.OnEvent = (e, now) =>
        {
            Common(bob, alice, e);
            if (e is RelayedIceEvent.Ice { Event: IceEvent.DataReceived d } && Interlocked.Exchange(ref received, 1) == 0)
            {
                log.WriteLine($"{now.TotalSeconds,8:0.000} s  Bob: received {ClientText.Quote(Encoding.UTF8.GetString(d.Data.Span))} from {d.From}");
                // RFC 8656 §7.3: free both relays (a Refresh with LIFETIME 0), then stop.
                bob.Machine.Release(now);
                alice.Post(t => alice.Machine.Release(t));
                if (!stop.IsCancellationRequested) stop.CancelAfter(ReleaseGrace);
            }
        };
        static bool Over(Peer p) => p.Machine.Turn.State is TurnClientState.Released or TurnClientState.Failed;
        log.WriteLine($"ICE through the TURN server {server}, relay candidates only: Alice (controlling) on {udpA.LocalEndPoints[0]}, Bob (controlled) on {udpB.LocalEndPoints[0]}");
        alice.Machine.Allocate(udpA.Now);
        bob.Machine.Allocate(udpB.Now);
        alice.Drain(udpA.Now);
        bob.Drain(udpB.Now);
        await Task.WhenAll(udpA.RunAsync(alice, () => Over(alice), stop.Token), udpB.RunAsync(bob, () => Over(bob), stop.Token)).ConfigureAwait(false);
        log.Flush();
        if (failure is not null)
        {
            error.WriteLine($"natlearn: {ClientText.Printable(failure)}");
            return 1;
        }
        if (received == 0)
        {
            error.WriteLine($"natlearn: stopped after {timeout.TotalSeconds:0.#} s: {Stuck(server, alice.Machine, bob.Machine, rejection)}");
            return 1;
        }
        var selected = alice.Machine.Agent.SelectedPair!;
        output.WriteLine($"Selected pair: {selected.Local.Type.SdpName()} {selected.Local.Address} ⇄ {selected.Remote.Type.SdpName()} {selected.Remote.Address}, both relayed by {server}.");
        output.WriteLine(Over(alice) && Over(bob)
            ? "Done: the message crossed relay ⇄ relay, and both allocations were released."
            : $"Done: the message crossed relay ⇄ relay; the relay did not confirm the release within {ReleaseGrace.TotalSeconds:0} s (Alice {alice.Machine.Turn.State}, Bob {bob.Machine.Turn.State}), so it lets the allocations expire.");
        return 0;
    }

    // Both relayed addresses are on the server's host: on loopback they only pass if the server allows loopback peers.
    private static string Refused(IPEndPoint server, string rejection) =>
        rejection + (IPAddress.IsLoopback(server.Address) && rejection.Contains("403", StringComparison.Ordinal)
            ? "; a relay on loopback must allow loopback peers (natlearn serve turn --allow-loopback-peers)" : "");

    private static string Stuck(IPEndPoint server, RelayedIceAgent alice, RelayedIceAgent bob, string? rejection)
    {
        if (alice.Turn.State == TurnClientState.Allocating || bob.Turn.State == TurnClientState.Allocating)
            return $"no answer from the relay {server}: the Allocate request got no response (is a TURN server listening there?)";
        if (alice.Agent.State != IceAgentState.Completed || bob.Agent.State != IceAgentState.Completed)
        {
            var why = $"ICE had not selected a pair (Alice {alice.Agent.State}, Bob {bob.Agent.State})";
            return rejection is null ? why : $"{why}: the relay refused: {Refused(server, rejection)}";
        }
        return "ICE selected a pair, but the message did not arrive";
    }

    /// <summary>
    /// One agent on its driver's thread: prints each step, lets the command react, and runs what the other thread posts
    /// (the peer's description, the release) on this one, since a machine is not thread-safe.
    /// </summary>
    private sealed class Peer(RelayedIceAgent machine, TextWriter log) : IProtocolMachine
    {
        private readonly ConcurrentQueue<Action<TimeSpan>> _inbox = new();

        public RelayedIceAgent Machine { get; } = machine;
        public string Name => Machine.Agent.Name;
        public Action<RelayedIceEvent, TimeSpan>? OnEvent { get; set; }
        public Action<TimeSpan>? OnWake { get; set; }
        public TimeSpan? Wake { get; set; }

        /// <summary>From another thread: the driver runs it within its next poll (at most 100 ms).</summary>
        public void Post(Action<TimeSpan> action) => _inbox.Enqueue(action);

        public TimeSpan? NextTimeout()
        {
            if (!_inbox.IsEmpty) return TimeSpan.Zero;
            var next = Machine.NextTimeout();
            return Wake is { } w && (next is not { } n || w < n) ? w : next;
        }

        public void HandleTimeout(TimeSpan now)
        {
            while (_inbox.TryDequeue(out var action)) action(now);
            Drain(now);
            if (Wake <= now)
            {
                Wake = null;
                OnWake?.Invoke(now);
            }
            Machine.HandleTimeout(now);
            Drain(now);
        }

        public void HandleDatagram(TimeSpan now, Datagram datagram)
        {
            Machine.HandleDatagram(now, datagram);
            Drain(now);
        }

        public bool TryPollTransmit(out Datagram datagram) => Machine.TryPollTransmit(out datagram);

        public void Drain(TimeSpan now)
        {
            while (Machine.TryPollEvent(out var e))
            {
                var text = e switch
                {
                    // Every step of the agent in the RFC's words; pair states repeat what the checks say, and the message is printed on its own.
                    RelayedIceEvent.Ice { Event: IceEvent.PairStateChanged or IceEvent.DataReceived } => null,
                    RelayedIceEvent.Ice i => $"{Name}: ICE {i.Event.Describe()}",
                    // The server's words (reason phrases, realm) are escaped by the client; escaping again keeps the terminal safe.
                    RelayedIceEvent.Turn t => ClientText.Printable(IcePeer.Describe(Name, t.Event)),
                    _ => null,
                };
                if (text is not null) log.WriteLine($"{e.Time.TotalSeconds,8:0.000} s  {text}");
                OnEvent?.Invoke(e, now);
            }
        }
    }
}
