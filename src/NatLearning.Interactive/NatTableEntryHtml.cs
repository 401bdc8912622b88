using NatLearning.Nat;

namespace NatLearning.Interactive;

/// <summary>One NAT mapping: inside ↔ outside in bold, then who may send in through it, its RFC 4787 behaviour and its timers.</summary>
public static class NatTableEntryHtml
{
    public static string Render(NatTableEntry e) => Html.View(Body(e));

    internal static string Body(NatTableEntry e) =>
        new Card($"{Html.E(e.Protocol)} {Html.E(e.InsideLocal.ToString())} → {Html.E(e.InsideGlobal.ToString())}", nameof(NatTableEntry))
            .Sub("Inside local → inside global: the row a reply must match to get in.")
            .Row("Admits (outside)", Html.E(e.Admits.Count == 0 ? "nobody yet" : string.Join(", ", e.Admits)))
            .Row("Contacted", e.Contacted.Count == 0 ? null : Html.E(string.Join(", ", e.Contacted)))
            .Row("Mapped for", e.MappedFor is null ? null : Html.Code(e.MappedFor))
            .Row("Mapping / filtering", Html.E($"{NatBehavior.Describe(e.Mapping)} / {NatBehavior.Describe(e.Filtering)}"))
            .Row("Created / last used", $"{Html.Short(e.Created)} / {Html.Short(e.LastUsed)}")
            .Row("Expires", e.Static ? "never (static)" : Html.Short(e.Expires))
            .Body();
}
