using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NatLearning.Benchmarks;

/// <summary>
/// <c>--flood</c>: a loopback load test. Starts <c>natlearn serve turn</c> (and coturn's <c>turnserver</c> if installed),
/// sends unauthenticated STUN requests at a steady rate (2500/s for 20 s by default; NATLEARN_FLOOD_RATE,
/// NATLEARN_FLOOD_SECONDS) and counts the answers, second by second. Binding requests (answered with success) and
/// unauthenticated Allocates (answered with 401 and a nonce) each get a run.
/// Run: dotnet run -c Release --project tests/NatLearning.Benchmarks -- --flood
/// </summary>
internal static class BindingFlood
{
    public static void Run()
    {
        var rate = int.Parse(Environment.GetEnvironmentVariable("NATLEARN_FLOOD_RATE") ?? "2500", System.Globalization.CultureInfo.InvariantCulture);
        var seconds = int.Parse(Environment.GetEnvironmentVariable("NATLEARN_FLOOD_SECONDS") ?? "20", System.Globalization.CultureInfo.InvariantCulture);
        var servers = new List<(string Name, Func<int, Process> Start)> { ("natlearn serve turn", StartOurs) };
        if (File.Exists("/usr/bin/turnserver")) servers.Add(("coturn turnserver", StartCoturn));
        else Console.WriteLine("coturn is not installed (apt-get install -y coturn): measuring ours only.");
        foreach (var (name, start) in servers)
            foreach (var allocate in new[] { false, true })
            {
                var port = FreePort();
                using var server = start(port);
                _ = server.StandardOutput.ReadToEndAsync();   // drained, not shown: the server logs every challenge
                _ = server.StandardError.ReadToEndAsync();
                try
                {
                    var target = new IPEndPoint(IPAddress.Loopback, port);
                    if (!WaitUntilAnswering(target)) throw new InvalidOperationException($"{name} did not answer on {target}");
                    var (sent, answered, perSecond) = Flood(target, rate, TimeSpan.FromSeconds(seconds), allocate);
                    Console.WriteLine($"{name}, {(allocate ? "unauthenticated Allocate (401)" : "Binding")}: {answered} of {sent} answered " +
                        $"({100.0 * answered / sent:0.00} %) at {rate}/s for {seconds} s; per second: {string.Join(" ", perSecond)}");
                }
                finally
                {
                    server.Kill(entireProcessTree: true);
                    server.WaitForExit();
                }
            }
    }

    /// <summary>Sends <paramref name="rate"/> requests a second for <paramref name="duration"/>; counts distinct answers, by the second they were sent in.</summary>
    public static (int Sent, int Answered, int[] PerSecond) Flood(IPEndPoint target, int rate, TimeSpan duration, bool allocate)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.ReceiveBufferSize = 4 << 20;   // the measurement must not lose answers itself
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var total = (int)(rate * duration.TotalSeconds);
        var answered = new bool[total];
        var perSecond = new int[(int)Math.Ceiling(duration.TotalSeconds)];
        var count = 0;
        var stop = false;
        var expected = allocate ? (ushort)0x0113 : (ushort)0x0101;   // Allocate error response / Binding success response
        var receiver = new Thread(() =>
        {
            var buffer = new byte[2048];
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            socket.ReceiveTimeout = 200;
            while (!Volatile.Read(ref stop))
            {
                int n;
                try { n = socket.ReceiveFrom(buffer, ref from); }
                catch (SocketException) { continue; }
                if (n < 20 || BinaryPrimitives.ReadUInt16BigEndian(buffer) != expected) continue;
                var i = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(16));
                if ((uint)i >= (uint)total || answered[i]) continue;
                answered[i] = true;
                count++;
                perSecond[i / rate]++;
            }
        }) { IsBackground = true };
        receiver.Start();
        var request = new byte[allocate ? 28 : 20];
        BinaryPrimitives.WriteUInt16BigEndian(request, allocate ? (ushort)0x0003 : (ushort)0x0001);
        BinaryPrimitives.WriteUInt32BigEndian(request.AsSpan(4), 0x2112A442);   // the magic cookie
        Random.Shared.NextBytes(request.AsSpan(8, 8));
        if (allocate)
        {
            BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(2), 8);
            BinaryPrimitives.WriteUInt32BigEndian(request.AsSpan(20), 0x0019_0004);   // REQUESTED-TRANSPORT, 4 bytes
            request[24] = 17;                                                      // UDP
        }
        var clock = Stopwatch.StartNew();
        var sent = 0;
        while (sent < total)
        {
            var due = Math.Min(total, (int)(clock.Elapsed.TotalSeconds * rate));
            for (; sent < due; sent++)
            {
                BinaryPrimitives.WriteInt32BigEndian(request.AsSpan(16), sent);   // the transaction id's last 4 bytes number the request
                socket.SendTo(request, target);
            }
            Thread.Sleep(1);
        }
        Thread.Sleep(1000);   // the last answers on their way
        Volatile.Write(ref stop, true);
        receiver.Join();
        return (sent, count, perSecond);
    }

    private static bool WaitUntilAnswering(IPEndPoint target)
    {
        for (var i = 0; i < 50; i++)
        {
            if (Flood(target, 10, TimeSpan.FromSeconds(0.1), allocate: false).Answered > 0) return true;
            Thread.Sleep(200);
        }
        return false;
    }

    private static Process StartOurs(int port)
    {
        var cli = FindCli();
        return Start("dotnet", cli, "serve", "turn", "--listen", $"127.0.0.1:{port}", "--realm", "natlearning.example", "--user", "alice:secret");
    }

    private static Process StartCoturn(int port)
    {
        var relayBase = Random.Shared.Next(40000, 59000);
        return Start("/usr/bin/turnserver", "-n", "--listening-ip=127.0.0.1", $"--listening-port={port}", "--relay-ip=127.0.0.1", "--lt-cred-mech",
            "--user=alice:secret", "--realm=natlearning.example", "--no-cli", "--no-tls", "--no-dtls", $"--min-port={relayBase}",
            $"--max-port={relayBase + 200}", "--log-file=stdout", "--no-stdout-log");
    }

    private static Process Start(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    /// <summary>The natlearn.dll this project's build made (the project references the CLI so that it is built).</summary>
    private static string FindCli()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var bin = Path.Combine(dir.FullName, "src", "NatLearning.Cli", "bin");
            if (!Directory.Exists(bin)) continue;
            return Directory.GetFiles(bin, "natlearn.dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
                ?? throw new FileNotFoundException($"no natlearn.dll under {bin}: build src/NatLearning.Cli first");
        }
        throw new DirectoryNotFoundException("cannot find the repository's src/NatLearning.Cli from " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }
}
