using System.Text;
using NatLearning.Stun;

namespace NatLearning.Interactive;

/// <summary>One Binding transaction: the mapped address in bold (or why there is none), the RTT and requests, then its transcript.</summary>
public static class BindingResultHtml
{
    public static string Render(BindingResult r) => Html.View(Body(r));

    internal static string Body(BindingResult r)
    {
        var verdict = r.Succeeded ? $"Mapped address {Html.E(r.MappedAddress!.ToString())}" : Html.E(NatBehaviorReportHtml.Capitalise(r.Summary));
        var card = new Card(verdict, nameof(BindingResult), r.Succeeded ? Tone.Ok : Tone.Bad)
            .Sub($"Binding request from {Html.Code(r.Local)} to {Html.Code(r.Server)}"
                 + (r.Rtt is { } rtt ? $", answered after {Html.Ms(rtt)}" : "")
                 + $", {Html.E(Fold.Count(r.RequestsSent, "request", "requests"))} sent.")
            .Row("Transaction ID", Html.Code(r.TransactionId))
            .Row("Error", r.Error is { } e ? Html.E($"{e.Code} ({e.Reason})") : null)
            .Row("RESPONSE-ORIGIN", r.ResponseOrigin is null ? null : Html.Code(r.ResponseOrigin))
            .Row("OTHER-ADDRESS", r.OtherAddress is null ? null : Html.Code(r.OtherAddress));
        if (r.Transcript.Count > 0) card.Section($"<details><summary>Transcript ({Html.E(Fold.Count(r.Transcript.Count, "message", "messages"))})</summary>{StunTranscriptEntryHtml.Table(r.Transcript)}</details>");
        return card.Body();
    }
}
