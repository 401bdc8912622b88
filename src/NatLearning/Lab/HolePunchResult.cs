using System.Net;
using System.Text;
using NatLearning.HolePunching;
using NatLearning.Simulation;

namespace NatLearning.Lab;

/// <summary>How a hole punch between Alice and Bob went, and why, in plain words computed from the trace.</summary>
public sealed class HolePunchResult
{
    internal HolePunchResult(PeerNat natA, PeerNat natB, Network network, HolePuncher alice, HolePuncher bob, TimeSpan? connectedAfter, IReadOnlyList<string> explanation)
    {
        NatA = natA;
        NatB = natB;
        Network = network;
        Alice = alice;
        Bob = bob;
        ConnectedAfter = connectedAfter;
        Explanation = explanation;
    }

    public PeerNat NatA { get; }
    public PeerNat NatB { get; }
    public Network Network { get; }
    public HolePuncher Alice { get; }
    public HolePuncher Bob { get; }

    /// <summary>Both sides got an answer to a probe: a direct path exists.</summary>
    public bool Success => Alice.ConnectedTo is not null && Bob.ConnectedTo is not null;

    /// <summary>Time from the rendezvous telling the peers about each other to both being connected.</summary>
    public TimeSpan? ConnectedAfter { get; }

    /// <summary>Sentences that say why it worked or failed, from drops and mappings in the trace.</summary>
    public IReadOnlyList<string> Explanation { get; }

    /// <summary>Peer probes that crossed some wire (both directions, retries included).</summary>
    public int ProbesSent => Alice.ProbesSent + Bob.ProbesSent;

    public string Outcome => Success ? "direct" : "failed";

    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append("Hole punch: Alice behind ").Append(NatA.ClassicName).Append(", Bob behind ").Append(NatB.ClassicName).Append(" → ")
          .Append(Success ? $"connected directly after {ConnectedAfter!.Value.TotalMilliseconds:0} ms" : "no direct path").Append('\n');
        foreach (var e in Explanation) sb.Append("  • ").Append(e).Append('\n');
        return sb.ToString();
    }

    public override string ToString() => ToText();

    internal static string Format(IPEndPoint? e) => e?.ToString() ?? "(unknown)";
}
