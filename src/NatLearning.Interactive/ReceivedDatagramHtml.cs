using NatLearning.Simulation;

namespace NatLearning.Interactive;

/// <summary>A datagram a simulated socket received: what arrived (text in quotes, or its size) in bold, from where and when, then the bytes.</summary>
public static class ReceivedDatagramHtml
{
    public static string Render(ReceivedDatagram d) => Html.View(Body(d));

    internal static string Body(ReceivedDatagram d) =>
        new Card($"From {Html.E(d.Remote.ToString())}: {Html.E(Fold.Count(d.Payload.Length, "byte", "bytes"))}", nameof(ReceivedDatagram), Tone.Ok)
            .Sub($"Received on {Html.Code(d.Local)} at t = {Html.Short(d.Time)}.")
            .Section(DatagramHtml.Payload(d.Payload))
            .Body();
}
