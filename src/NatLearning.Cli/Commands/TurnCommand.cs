using System.CommandLine;
using System.Net;
using System.Text;
using NatLearning.Addressing;
using NatLearning.Protocols;
using NatLearning.Turn;

namespace NatLearning.Cli.Commands;

/// <summary>
/// <c>natlearn turn HOST:PORT --user NAME:PASSWORD --peer IP:PORT</c>: allocates a relayed address, permits the peer,
/// sends it a message in a Send indication, waits for its reply, binds a channel, sends again as ChannelData, waits for
/// that reply, and releases the allocation, printing each step. The peer must answer (an echo service, say).
/// </summary>
internal static class TurnCommand
{
    public static Command Build()
    {
        var server = new Argument<string>("server") { Description = "The TURN server as HOST:PORT (port 3478 if left out)." };
        var user = new Option<string>("--user") { Description = "Long-term credential as NAME:PASSWORD.", Required = true };
        var peer = OptionValues.Endpoint("--peer", "The peer to reach through the relay, as IP:PORT; it should answer what it receives.", required: true);
        var message = new Option<string>("--message") { Description = "What to send to the peer.", DefaultValueFactory = _ => "hello through the relay" };
        var timeout = OptionValues.Seconds("--timeout", "Seconds to wait for the whole exchange (at most 3600).", 10, 3600);
        var cmd = new Command("turn", "Talk to a peer through a TURN relay over real UDP (Allocate, CreatePermission, Send, ChannelBind, ChannelData).")
            { server, user, peer, message, timeout };
        cmd.SetAction(parse =>
        {
            var target = RealNetwork.Resolve(parse.GetValue(server)!);
            var (name, password) = TurnCredentials.Parse(parse.GetValue(user)!);
            return Talk(target, name, password, parse.GetValue(peer)!, parse.GetValue(message)!, TimeSpan.FromSeconds(parse.GetValue(timeout)),
                parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error).GetAwaiter().GetResult();
        });
        return cmd;
    }

    public static async Task<int> Talk(IPEndPoint server, string name, string password, IPEndPoint peer, string message, TimeSpan timeout,
        TextWriter output, TextWriter error)
    {
        using var udp = new UdpDriver(new IPEndPoint(RealNetwork.LocalAddressFor(server), 0));
        var client = new TurnClient(udp.LocalEndPoints[0], server, name, password, new OsRandom());
        var replies = 0;
        var failure = default(string);
        var done = false;
        void Send(TimeSpan now, string how)
        {
            var text = $"{message} ({how})";
            client.Send(now, peer, Encoding.UTF8.GetBytes(text));
            output.WriteLine($"{now.TotalSeconds,8:0.000} s  client: sent \"{text}\" to {peer} in {how}");
        }
        var printer = new TurnEventPrinter(client, output, "client")
        {
            OnEvent = (e, now) =>
            {
                switch (e.Kind)
                {
                    case TurnEventKind.Allocated:
                        client.CreatePermission(now, peer);
                        break;
                    case TurnEventKind.PermissionCreated when replies == 0:
                        Send(now, "a Send indication");
                        break;
                    case TurnEventKind.DataReceived:
                        replies++;
                        output.WriteLine($"{now.TotalSeconds,8:0.000} s  client: the peer answered {ClientText.Quote(Encoding.UTF8.GetString(e.Data!))}");
                        if (replies == 2) client.Release(now);
                        break;
                    case TurnEventKind.ChannelBound when replies == 1:
                        Send(now, $"ChannelData on channel 0x{client.ChannelFor(peer):x4}");
                        break;
                    case TurnEventKind.Deleted:
                        done = true;
                        break;
                    case TurnEventKind.Failed:
                        failure = e.Description;
                        done = true;
                        break;
                }
            },
        };
        client.Allocate(udp.Now);
        using var limit = new CancellationTokenSource(timeout);
        await udp.RunAsync(printer, () => done, limit.Token).ConfigureAwait(false);
        if (failure is not null)
        {
            error.WriteLine($"natlearn: {ClientText.Printable(failure)}");
            return 1;
        }
        if (!done)
        {
            error.WriteLine($"natlearn: stopped after {timeout.TotalSeconds:0.#} s in state {client.State} with {replies} of 2 replies from {peer} " +
                            "(the peer must answer: a relay only forwards what it sends back)");
            return 1;
        }
        output.WriteLine($"Done: relayed address {client.RelayedAddress}, 2 messages each way through the relay, allocation released.");
        return 0;
    }
}
