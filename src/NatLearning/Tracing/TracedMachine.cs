using NatLearning.Protocols;

namespace NatLearning.Tracing;

/// <summary>
/// Wraps a protocol machine so that each event it reports is also written to a trace as a note at a node
/// (e.g. "TURN server dropped 12 bytes ...: no permission"). The events stay available to <see cref="TryPollEvent"/>.
/// </summary>
public sealed class TracedMachine<TEvent> : IProtocolMachine<TEvent>, IStateReporter
{
    private readonly Queue<TEvent> _events = new();
    private readonly Trace _trace;
    private readonly string _node;
    private readonly Func<TEvent, (TimeSpan Time, string Text)> _note;

    /// <param name="note">When the event happened and the note's text for it.</param>
    public TracedMachine(IProtocolMachine<TEvent> machine, Trace trace, string node, Func<TEvent, (TimeSpan Time, string Text)> note)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(note);
        Inner = machine;
        _trace = trace;
        _node = node;
        _note = note;
    }

    public IProtocolMachine<TEvent> Inner { get; }

    public TimeSpan? NextTimeout() => Inner.NextTimeout();

    public bool NextTimeoutIsBackground => Inner.NextTimeoutIsBackground;

    public void HandleTimeout(TimeSpan now)
    {
        Inner.HandleTimeout(now);
        Drain();
    }

    public void HandleDatagram(TimeSpan now, Datagram datagram)
    {
        Inner.HandleDatagram(now, datagram);
        Drain();
    }

    public bool TryPollTransmit(out Datagram datagram) => Inner.TryPollTransmit(out datagram);

    public IEnumerable<StateTable> ReportState(TimeSpan now, string owner) => Inner is IStateReporter r ? r.ReportState(now, owner) : [];

    public bool TryPollEvent(out TEvent protocolEvent)
    {
        Drain();
        return _events.TryDequeue(out protocolEvent!);
    }

    /// <summary>Moves the inner machine's events into the trace; call after giving the machine a command from outside.</summary>
    public void Drain()
    {
        while (Inner.TryPollEvent(out var e))
        {
            var (time, text) = _note(e);
            _trace.Note(time, _node, text);
            _events.Enqueue(e);
        }
    }
}
