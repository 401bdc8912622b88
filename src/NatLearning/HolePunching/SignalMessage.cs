using System.Net;
using System.Text;
using NatLearning.Addressing;

namespace NatLearning.HolePunching;

/// <summary>
/// The tiny text protocol of our rendezvous (signalling) server and of punch packets. Real systems carry this in
/// SDP over WebSocket or the like; what matters for NAT traversal is only the endpoints inside.
/// </summary>
public sealed record SignalMessage(string Verb, IReadOnlyList<string> Args)
{
    /// <summary>Peer → server: "I am NAME in SESSION; reach me at ENDPOINT" (the endpoint it learned, or "-").</summary>
    public const string Register = "REGISTER";
    /// <summary>Server → peer: "your peer NAME advertises ENDPOINT".</summary>
    public const string Peer = "PEER";
    /// <summary>Peer → reflector: "which public endpoint do you see me at?"</summary>
    public const string WhoAmI = "WHOAMI";
    /// <summary>Reflector → peer: "I saw you at ENDPOINT".</summary>
    public const string YouAre = "YOUARE";
    /// <summary>Peer → peer: a hole-punching probe.</summary>
    public const string Punch = "PUNCH";
    /// <summary>Peer → peer: the answer to a probe: the hole is open both ways.</summary>
    public const string PunchAck = "PUNCH-ACK";

    private static readonly string[] Verbs = [Register, Peer, WhoAmI, YouAre, Punch, PunchAck];

    public byte[] ToBytes() => Encoding.ASCII.GetBytes(ToString());

    public override string ToString() => Args.Count == 0 ? Verb : $"{Verb} {string.Join(' ', Args)}";

    public static SignalMessage Create(string verb, params string[] args) => new(verb, args);

    public static bool TryParse(ReadOnlySpan<byte> payload, out SignalMessage message)
    {
        message = null!;
        if (payload.Length is 0 or > 512) return false;
        foreach (var b in payload)
            if (b is < 0x20 or > 0x7E) return false;
        var parts = Encoding.ASCII.GetString(payload).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || Array.IndexOf(Verbs, parts[0]) < 0) return false;
        message = new SignalMessage(parts[0], parts[1..]);
        return true;
    }

    internal static string Format(IPEndPoint? endpoint) => endpoint?.ToString() ?? "-";

    internal static IPEndPoint? ParseEndpoint(string text) => text == "-" ? null : Ipv4.ParseEndpoint(text);
}
