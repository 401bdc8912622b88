using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using NatLearning.Addressing;
using NatLearning.Protocols;
using NatLearning.Stun;

namespace NatLearning.Cli.Commands;

/// <summary><c>natlearn serve stun --listen IP:PORT [--alternate IP:PORT]</c>: a STUN server on real UDP until Ctrl+C or SIGTERM.</summary>
internal static class ServeStunCommand
{
    public static Command Build()
    {
        var listen = OptionValues.Endpoint("--listen", "Primary address and port: a concrete IP such as 192.0.2.10:3478 (not 0.0.0.0).", required: true);
        var alternate = OptionValues.Endpoint("--alternate", "Alternate address and port for RFC 5780 (CHANGE-REQUEST, OTHER-ADDRESS); both must differ from --listen.");
        var stun = new Command("stun", "Run a STUN Binding server (RFC 8489; RFC 5780 with --alternate) until stopped.") { listen, alternate };
        stun.SetAction(parse =>
        {
            var primary = parse.GetValue(listen)!;
            var alt = parse.GetValue(alternate);
            using var stop = new CancellationTokenSource();
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
            Serve(primary, alt, parse.InvocationConfiguration.Output, stop.Token).GetAwaiter().GetResult();
            return 0;
        });
        return new Command("serve", "Run a protocol server on real UDP.") { stun };
    }

    /// <summary>Serves until <paramref name="stop"/> fires, writing one line per request answered.</summary>
    public static async Task Serve(IPEndPoint primary, IPEndPoint? alternate, TextWriter output, CancellationToken stop, Action<IReadOnlyList<IPEndPoint>>? ready = null)
    {
        if (primary.Address.Equals(IPAddress.Any)) throw new ArgumentException("--listen needs a concrete IP address (RESPONSE-ORIGIN and OTHER-ADDRESS name it), not 0.0.0.0.");
        var server = new StunServer(primary, alternate);
        using var udp = Bind(server);
        output.WriteLine($"Serving STUN on {string.Join(", ", udp.LocalEndPoints)}. Stop with Ctrl+C.");
        output.Flush();
        ready?.Invoke(udp.LocalEndPoints);
        var logger = new LoggingMachine(server, output);
        await udp.RunAsync(logger, () => false, stop).ConfigureAwait(false);
        output.WriteLine($"Stopped after answering {server.RequestsAnswered} request{(server.RequestsAnswered == 1 ? "" : "s")}.");
    }

    private static UdpDriver Bind(StunServer server)
    {
        try
        {
            return new UdpDriver([.. server.LocalEndPoints]);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new InvalidOperationException($"cannot listen on {string.Join(", ", server.LocalEndPoints)}: {e.Message}");
        }
    }

    /// <summary>Passes everything to the server and prints each request it answered.</summary>
    private sealed class LoggingMachine(StunServer server, TextWriter output) : IProtocolMachine
    {
        public TimeSpan? NextTimeout() => server.NextTimeout();
        public void HandleTimeout(TimeSpan now) => server.HandleTimeout(now);
        public bool TryPollTransmit(out Datagram datagram) => server.TryPollTransmit(out datagram);

        public void HandleDatagram(TimeSpan now, Datagram datagram)
        {
            server.HandleDatagram(now, datagram);
            while (server.TryPollEvent(out var e)) output.WriteLine(e);
            output.Flush();
        }
    }
}
