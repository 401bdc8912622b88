using NatLearning.Stun;

namespace NatLearning.Interactive;

/// <summary>A line of a STUN client's transcript: when, which way, between which endpoints, and what.</summary>
public static class StunTranscriptEntryHtml
{
    public static string Render(StunTranscriptEntry e) => Html.View(Table([e]));

    internal static string Table(IReadOnlyList<StunTranscriptEntry> entries) =>
        Fold.Table("<table><thead><tr><th>Time</th><th>Local</th><th></th><th>Remote</th><th>Info</th></tr></thead>",
            [.. entries.Select(e => $"<tr><td>{Html.Short(e.Time)}</td><td>{e.Local}</td><td>{(e.Outgoing ? "→" : "←")}</td><td>{e.Remote}</td><td class=\"wrap\">{Html.E(e.Info)}</td></tr>")]);
}
