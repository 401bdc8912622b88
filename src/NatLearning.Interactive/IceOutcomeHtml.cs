using NatLearning.Ice;
using NatLearning.Lab;

namespace NatLearning.Interactive;

/// <summary>One cell of the ICE outcome grid: the kind of pair selected (or "failed") in bold, between which NATs, how fast and at what cost.</summary>
public static class IceOutcomeHtml
{
    public static string Render(IceOutcome o) => Html.View(Body(o));

    internal static string Body(IceOutcome o) =>
        new Card(Html.E(o.Succeeded ? $"{o.Result} ({o.SelectedEnds})" : "failed"), nameof(IceOutcome), o.Succeeded ? (o.Selected == CandidateType.Relayed ? Tone.Warn : Tone.Ok) : Tone.Bad)
            .Sub($"Alice behind <b>{Html.E(o.NatA)}</b>, Bob behind <b>{Html.E(o.NatB)}</b>, {(o.WithRelay ? "a TURN server on offer" : "no TURN server")}.")
            .Row("Time to selection", o.TimeToSelection is { } t ? Html.Ms(t) : null)
            .Row("STUN packets sent", Html.Code(o.Packets))
            .Row("Why it failed", o.FailureReason is null ? null : Html.E(o.FailureReason))
            .Body();
}
