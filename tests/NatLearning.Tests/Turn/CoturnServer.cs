using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NatLearning.Tests.Turn;

/// <summary>
/// coturn's turnserver on a free loopback port, long-term credentials for alice:secret in realm natlearning.example,
/// loopback peers allowed (both ends of a test live on 127.0.0.1). Killed on dispose.
/// </summary>
internal sealed class CoturnServer : IAsyncDisposable
{
    private readonly Process _process;

    private CoturnServer(Process process, IPEndPoint endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public IPEndPoint Endpoint { get; }

    /// <summary>Starts turnserver, or reports the test skipped with the install command when coturn is missing.</summary>
    public static CoturnServer Start()
    {
        var turnserver = TurnTsharkTests.FindTool("turnserver");
        if (turnserver is null) Assert.Skip("coturn is not installed; install it with: apt-get install -y coturn");
        int port;
        using (var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0))) port = ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
        var relayBase = Random.Shared.Next(40000, 59000);
        var psi = new ProcessStartInfo(turnserver) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[]
        {
            "-n", "--listening-ip=127.0.0.1", $"--listening-port={port}", "--relay-ip=127.0.0.1", "--lt-cred-mech", "--user=alice:secret",
            "--realm=natlearning.example", "--no-cli", "--no-tls", "--no-dtls", "--allow-loopback-peers",
            $"--min-port={relayBase}", $"--max-port={relayBase + 200}", "--log-file=stdout", "--no-stdout-log",
        }) psi.ArgumentList.Add(a);
        var process = Process.Start(psi)!;
        _ = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        _ = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        // Our clients retransmit (RTO 500 ms), so a turnserver still opening its sockets costs a retry, not the test.
        return new CoturnServer(process, new IPEndPoint(IPAddress.Loopback, port));
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
        _process.Dispose();
    }
}
