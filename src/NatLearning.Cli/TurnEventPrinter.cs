using NatLearning.Protocols;
using NatLearning.Turn;

namespace NatLearning.Cli;

/// <summary>Passes everything to a TURN machine and prints each event it reports, then lets <see cref="OnEvent"/> react.</summary>
internal sealed class TurnEventPrinter(IProtocolMachine<TurnEvent> machine, TextWriter output, string who) : IProtocolMachine
{
    public Action<TurnEvent, TimeSpan>? OnEvent { get; init; }

    public TimeSpan? NextTimeout() => machine.NextTimeout();

    public void HandleTimeout(TimeSpan now)
    {
        machine.HandleTimeout(now);
        Drain(now);
    }

    public void HandleDatagram(TimeSpan now, Datagram datagram)
    {
        machine.HandleDatagram(now, datagram);
        Drain(now);
    }

    public bool TryPollTransmit(out Datagram datagram) => machine.TryPollTransmit(out datagram);

    public void Drain(TimeSpan now)
    {
        while (machine.TryPollEvent(out var e))
        {
            // The machines escape what peers and clients wrote; escaping again here keeps the terminal safe whatever slips through.
            output.WriteLine($"{e.Time.TotalSeconds,8:0.000} s  {who}: {e.Kind}: {ClientText.Printable(e.Description)}");
            OnEvent?.Invoke(e, now);
        }
        output.Flush();
    }
}
