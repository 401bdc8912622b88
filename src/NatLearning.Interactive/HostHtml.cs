using NatLearning.Simulation;

namespace NatLearning.Interactive;

/// <summary>A simulated host: its name and address in bold, where it is attached, and its open sockets.</summary>
public static class HostHtml
{
    public static string Render(Host h) => Html.View(Body(h));

    internal static string Body(Host h) =>
        new Card($"{Html.E(h.Name)} {Html.E(h.Address.ToString())}", nameof(Host))
            .Sub($"On {Html.E(h.Segment.Name)}{(h.Segment is Lan { Gateway: { } g } ? $", behind {Html.E(g.Node.Name)}" : "")}; link {Html.Ms(h.Attachment.Link.Latency)} one way.")
            .Row("Sockets", h.Sockets.Count == 0 ? "none" : Html.E(string.Join(", ", h.Sockets.Select(s => $"{s.LocalEndPoint}{(s.Closed ? " (closed)" : "")}"))))
            .Body();
}
