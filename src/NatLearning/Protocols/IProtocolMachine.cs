namespace NatLearning.Protocols;

/// <summary>
/// A sans-I/O protocol endpoint (see ARCHITECTURE.md): it never touches a socket or a clock. A driver feeds it
/// time and datagrams and carries out what it asks. The same object runs in the simulation and over real UDP.
/// </summary>
public interface IProtocolMachine
{
    /// <summary>When the machine next wants <see cref="HandleTimeout"/> (in the driver's clock), or null.</summary>
    TimeSpan? NextTimeout();

    /// <summary>
    /// True when that timeout only keeps something alive (an ICE consent check): a simulation runs it in the background,
    /// so it does not keep <c>RunUntilIdle</c> going.
    /// </summary>
    bool NextTimeoutIsBackground => false;

    void HandleTimeout(TimeSpan now);

    void HandleDatagram(TimeSpan now, Datagram datagram);

    /// <summary>The next datagram the machine wants sent (its Local says from which of the machine's endpoints).</summary>
    bool TryPollTransmit(out Datagram datagram);
}

/// <summary>A protocol machine that also reports what happened (a mapped address learned, a pair nominated ...).</summary>
public interface IProtocolMachine<TEvent> : IProtocolMachine
{
    bool TryPollEvent(out TEvent protocolEvent);
}
