using NatLearning.Simulation;

namespace NatLearning.Interactive;

/// <summary>A NAT router: its behaviour in bold, its public addresses and LAN, then its table now.</summary>
public static class NatRouterHtml
{
    public static string Render(NatRouter n) => Html.View(Body(n));

    internal static string Body(NatRouter n) =>
        new Card($"{Html.E(n.Name)}: {Html.E(n.Behavior.ClassicName)} <span class=\"badge\">{Html.E(n.Behavior.ShortName)}</span>", nameof(NatRouter))
            .Sub($"{(n.Behavior.Translates ? "Public" : "Firewall on")} {Html.E(string.Join(", ", n.PublicAddresses))}, LAN {Html.Code(n.Inside.Prefix)}, {Html.E(Fold.Count(n.MappingCount, "mapping", "mappings"))}.")
            .Section(NatTableHtml.Table(n.Table))
            .Body();
}
