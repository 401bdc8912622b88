using NatLearning.Tracing;

namespace NatLearning.Interactive;

/// <summary>One trace event: what happened where in bold (a drop in red, with its reason), then the addresses, the NAT row involved and the packet's fields.</summary>
public static class TraceEventHtml
{
    public static string Render(TraceEvent e) => Html.View(Body(e));

    internal static string Body(TraceEvent e)
    {
        var dropped = e.Kind == TraceEventKind.Dropped;
        var card = new Card($"#{e.Number} {Html.E(e.Kind.ToString())} at {Html.E(e.Node)}{(dropped && e.Reason is { } r ? $" [{r}]" : "")}", nameof(TraceEvent), dropped ? Tone.Bad : Tone.Info)
            .Sub($"t = {Html.Seconds(e.Time)} s" + (e.Detail is null ? "" : " · " + Html.E(e.Detail)))
            .Row("Source → destination", e.Source is null && e.Destination is null ? null : $"{Html.Code(e.Source)} → {Html.Code(e.Destination)}")
            .Row("Before translation", e.OriginalSource is null && e.OriginalDestination is null ? null : $"{Html.Code(e.OriginalSource)} → {Html.Code(e.OriginalDestination)}")
            .Row("Next hop", e.NextHop is null ? null : Html.E(e.NextHop))
            .Row("NAT row", e.Mapping is null ? null : Html.E(e.Mapping.ToString()));
        if (e.Bytes is { } bytes)
            card.Section($"<details><summary>packet ({Html.E(Fold.Count(bytes.Length, "byte", "bytes"))})</summary>{PacketDissection.Fields(bytes)}<pre class=\"hex\">{Html.E(PacketDissection.HexDump(bytes))}</pre></details>");
        return card.Body();
    }
}
