using NatLearning.Packets;

namespace NatLearning.Interactive;

/// <summary>A parsed IPv4/UDP packet: source → destination and length in bold, then its header fields by name and its bytes.</summary>
public static class PacketHtml
{
    public static string Render(Packet p) => Html.View(Body(p));

    internal static string Body(Packet p)
    {
        var bytes = p.ToArray();
        return new Card($"{Html.E(p.Source.ToString())} → {Html.E(p.Destination.ToString())}, {Html.E(Fold.Count(p.Length, "byte", "bytes"))}", nameof(Packet))
            .Section(PacketDissection.Fields(bytes))
            .Section($"<details><summary>bytes</summary><pre class=\"hex\">{Html.E(PacketDissection.HexDump(bytes))}</pre></details>")
            .Body();
    }
}
