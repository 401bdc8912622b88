using System.Globalization;
using NatLearning.Ice;

namespace NatLearning.Interactive;

/// <summary>A candidate pair: its state and ends in bold, then priority (RFC 8445 §6.1.2.3), checks, RTT and why it failed.</summary>
public static class CandidatePairHtml
{
    public static string Render(CandidatePair p) => Html.View(Body(p));

    internal static string Body(CandidatePair p)
    {
        var tone = p.State switch { CandidatePairState.Succeeded => Tone.Ok, CandidatePairState.Failed => Tone.Bad, _ => Tone.Info };
        return new Card($"{p.State}{(p.Nominated ? ", nominated" : "")}: {Ends(p)}", nameof(CandidatePair), tone)
            .Row("Pair priority", Html.Code("0x" + p.Priority.ToString("x16", CultureInfo.InvariantCulture)) + " = 2³² × min(G, D) + 2 × max(G, D) + (G > D ? 1 : 0)")
            .Row("Checks", Html.E($"{p.RequestsSent} sent, {p.ResponsesReceived} answered; {p.RequestsReceived} received from the peer"))
            .Row("RTT", p.Rtt is { } rtt ? Html.Ms(rtt) : null)
            .Row("Succeeded at", p.SucceededAt is { } at ? Html.Short(at) : null)
            .Row("Why it failed", p.FailureReason is null ? null : Html.E(p.FailureReason))
            .Body();
    }

    internal static string Ends(CandidatePair p) =>
        $"{Html.E(p.Local.Type.SdpName())} {Html.E(p.Local.Address.ToString())} ⇄ {Html.E(p.Remote.Type.SdpName())} {Html.E(p.Remote.Address.ToString())}";
}
