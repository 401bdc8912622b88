using System.Net;
using NatLearning.Protocols;

namespace NatLearning.Stun;

/// <summary>
/// A sans-I/O STUN client on one local endpoint: it runs Binding transactions with RFC 8489 retransmission and
/// reports each as a <see cref="BindingResult"/> event (mapped address, RTT, transcript). Time comes from the driver.
/// </summary>
/// <example>
/// <code>
/// var client = new StunClient(socket.LocalEndPoint, net.Random.Fork());
/// var driver = new SimulatedDriver(client, socket);
/// client.StartBinding(net.Now, server);
/// driver.Pump();
/// net.RunUntilIdle();
/// client.TryPollEvent(out var result);   // result.MappedAddress, result.Rtt
/// </code>
/// </example>
public sealed class StunClient : IProtocolMachine<BindingResult>, IStateReporter
{
    private readonly IRandomSource _random;
    private readonly StunRetransmission _schedule;
    private readonly ClientTransactions<StunTransaction> _pending = new();
    private readonly Dictionary<TransactionId, List<StunTranscriptEntry>> _transcripts = [];
    private readonly HashSet<TransactionId> _strays = [];
    private readonly Queue<Datagram> _transmit = new();
    private readonly Queue<BindingResult> _events = new();
    private readonly List<StunTranscriptEntry> _transcript = [];
    private readonly List<StunTransaction> _all = [];   // every transaction started, for the state a player shows

    /// <param name="local">The endpoint requests leave from (the socket the driver gives this machine).</param>
    /// <param name="random">Where transaction ids come from: seeded in the simulation, OS-seeded over real UDP.</param>
    /// <param name="schedule">Retransmission timing; RFC 8489's by default.</param>
    public StunClient(IPEndPoint local, IRandomSource random, StunRetransmission? schedule = null)
    {
        Local = local ?? throw new ArgumentNullException(nameof(local));
        _random = random ?? throw new ArgumentNullException(nameof(random));
        _schedule = schedule ?? StunRetransmission.Rfc8489;
    }

    public IPEndPoint Local { get; }

    /// <summary>Every datagram this client sent or received, in order.</summary>
    public IReadOnlyList<StunTranscriptEntry> Transcript => _transcript;

    public int PendingCount => _pending.Count;

    /// <summary>Sends a Binding request to <paramref name="server"/> (with any extra attributes, e.g. CHANGE-REQUEST).</summary>
    public TransactionId StartBinding(TimeSpan now, IPEndPoint server, params StunAttribute[] attributes)
    {
        ArgumentNullException.ThrowIfNull(server);
        var request = StunMessage.Request(StunMethod.Binding, TransactionId.New(_random), attributes);
        var t = new StunTransaction(request, Local, server, _schedule, now);
        _pending.Add(t);
        _all.Add(t);
        _transcripts[t.Id] = [];
        Send(t, now);
        return t.Id;
    }

    /// <summary>Stops retransmitting a transaction without reporting it.</summary>
    public void Cancel(TransactionId id) => _pending.Remove(id);

    /// <summary>True if a STUN message with this transaction id arrived that answered none of our transactions
    /// (our own request hairpinned back, or a response redirected here with RESPONSE-PORT).</summary>
    public bool HasReceivedStray(TransactionId id) => _strays.Contains(id);

    public TimeSpan? NextTimeout() => _pending.NextTimeout();

    public void HandleTimeout(TimeSpan now)
    {
        _pending.HandleTimeout(now);
        while (_pending.TryPollTimeout(out var t, out var timeout))
        {
            if (timeout == ClientTransactionTimeout.Retransmit) Send(t, now);
            else Finish(t);
        }
    }

    public void HandleDatagram(TimeSpan now, Datagram datagram)
    {
        if (!StunMessage.TryParse(datagram.Payload.Span, out var message, out _)) return;   // not STUN: not ours to answer
        var entry = new StunTranscriptEntry(now, false, datagram.Local, datagram.Remote, StunPayloadDescriber.Info(message));
        _transcript.Add(entry);
        if (_pending.TryGet(message.TransactionId, out var t) && t.TryComplete(message, now))
        {
            _transcripts[t.Id].Add(entry);
            Finish(t);
        }
        else _strays.Add(message.TransactionId);
    }

    public bool TryPollTransmit(out Datagram datagram) => _transmit.TryDequeue(out datagram);

    public bool TryPollEvent(out BindingResult protocolEvent) => _events.TryDequeue(out protocolEvent!);

    /// <summary>The transactions (the last 8): id, attempt n of Rc, the RTO it waits now, and how each ended.</summary>
    public IEnumerable<StateTable> ReportState(TimeSpan now, string owner)
    {
        var rows = _all.TakeLast(8).Select(t =>
        {
            var attempt = t.SendTimes.Count;
            // RFC 8489 §6.2.1: the wait after request n is RTO × 2^(n−1); after the last (Rc-th) it is Rm × RTO.
            var wait = t.NextTimeout is { } due ? due - t.SendTimes[^1] : (TimeSpan?)null;
            var state = t switch
            {
                { Response: { Class: StunClass.SuccessResponse } r } => $"✔ {r.Description}{(r.MappedEndPoint is { } m ? ": " + StunAddress.Format(m) : "")}, RTT {t.Rtt!.Value.TotalMilliseconds:0} ms",
                { Response: { } r } => $"✗ {r.Description}",
                { TimedOut: true } => $"✗ timed out after {attempt} requests",
                _ when !_pending.Contains(t.Id) => "cancelled",
                _ => attempt >= _schedule.Rc ? $"waiting; gives up at {t.NextTimeout!.Value.TotalSeconds:0.000} s" : $"waiting; resends at {t.NextTimeout!.Value.TotalSeconds:0.000} s",
            };
            return new StateRow(t.Id.ToString(), [t.Id.ToString(), $"{t.Request.Method} → {StunAddress.Format(t.Server)}", $"{attempt} of {_schedule.Rc}",
                string.Join(", ", t.SendTimes.Select(s => s.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture))) + " s",
                wait is { } w ? $"{w.TotalMilliseconds:0} ms" : "—", state]);
        }).ToList();
        return [new StateTable(owner, "STUN transactions", ["Transaction id", "Request", "Attempt", "Sent at", "RTO", "State"], rows)];
    }

    private void Send(StunTransaction t, TimeSpan now)
    {
        _transmit.Enqueue(t.Datagram);
        var info = StunPayloadDescriber.Info(t.Request) + (t.SendTimes.Count > 1 ? $" (retransmission {t.SendTimes.Count - 1})" : "");
        var entry = new StunTranscriptEntry(now, true, t.Datagram.Local, t.Datagram.Remote, info);
        _transcript.Add(entry);
        _transcripts[t.Id].Add(entry);
    }

    private void Finish(StunTransaction t)
    {
        _pending.Remove(t.Id);
        _events.Enqueue(new BindingResult(t.Id, t.Request, Local, t.Server, t.Response, t.Rtt, t.SendTimes.Count, _transcripts[t.Id]));
        _transcripts.Remove(t.Id);
    }
}
