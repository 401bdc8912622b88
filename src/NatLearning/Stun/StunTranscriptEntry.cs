using System.Net;

namespace NatLearning.Stun;

/// <summary>One line of a transaction's story: when, which way, between which endpoints, and what (in Wireshark's words).</summary>
public sealed record StunTranscriptEntry(TimeSpan Time, bool Outgoing, IPEndPoint Local, IPEndPoint Remote, string Info)
{
    public override string ToString() =>
        $"{Time.TotalSeconds,8:0.000}s  {Local} {(Outgoing ? "→" : "←")} {Remote}  {Info}";
}
