using System.Net;
using NatLearning.Nat;
using NatLearning.Protocols;
using NatLearning.Stun.Attributes;

namespace NatLearning.Stun;

/// <summary>
/// RFC 5780 NAT behaviour discovery as a sans-I/O machine. It uses two local endpoints: mapping tests I–III, the
/// hairpinning test and the lifetime test run on the first; filtering tests I–III on a fresh second one, so the holes
/// the mapping tests punched cannot make the filtering look more open than it is. When done it raises one
/// <see cref="NatBehaviorReport"/>.
/// </summary>
/// <remarks>The procedure is written as one linear method (<see cref="Procedure"/>) that waits for transactions.</remarks>
public sealed class NatBehaviorDiscovery : IProtocolMachine<NatBehaviorReport>
{
    private readonly StunClient _mappingClient;
    private readonly StunClient _filteringClient;
    private readonly IPEndPoint _server;
    private readonly IReadOnlyList<TimeSpan> _lifetimeProbes;
    private readonly Dictionary<TransactionId, BindingResult> _results = [];
    private readonly Queue<NatBehaviorReport> _events = new();
    private IEnumerator<Func<bool>>? _procedure;
    private TimeSpan? _wakeAt;
    private TimeSpan _now;

    /// <param name="mappingLocal">Endpoint for the mapping, hairpinning and lifetime tests.</param>
    /// <param name="filteringLocal">A second endpoint, for the filtering tests.</param>
    /// <param name="server">The STUN server's primary endpoint; it must send OTHER-ADDRESS.</param>
    /// <param name="lifetimeProbes">Idle times after which to check the mapping is still there (none: skip the test).</param>
    public NatBehaviorDiscovery(IPEndPoint mappingLocal, IPEndPoint filteringLocal, IPEndPoint server, IRandomSource random,
        StunRetransmission? schedule = null, IEnumerable<TimeSpan>? lifetimeProbes = null)
    {
        _server = server ?? throw new ArgumentNullException(nameof(server));
        _mappingClient = new StunClient(mappingLocal, random, schedule);
        _filteringClient = new StunClient(filteringLocal, random, schedule);
        _lifetimeProbes = [.. lifetimeProbes ?? []];
        Report = new NatBehaviorReport(mappingLocal, server);
    }

    /// <summary>Idle times 10 s, 20 s ... 300 s: enough to bracket RFC 4787's two-minute minimum.</summary>
    public static IReadOnlyList<TimeSpan> DefaultLifetimeProbes { get; } = [.. Enumerable.Range(1, 30).Select(i => TimeSpan.FromSeconds(10 * i))];

    public NatBehaviorReport Report { get; }
    public bool Finished { get; private set; }
    public IReadOnlyList<IPEndPoint> LocalEndPoints => [_mappingClient.Local, _filteringClient.Local];

    /// <summary>Every datagram of the discovery, both endpoints, in order.</summary>
    public IReadOnlyList<StunTranscriptEntry> Transcript => [.. _mappingClient.Transcript.Concat(_filteringClient.Transcript).OrderBy(e => e.Time)];

    /// <summary>Begins the tests; the driver must then be pumped.</summary>
    public void Start(TimeSpan now)
    {
        if (_procedure is not null) throw new InvalidOperationException("The discovery has already started.");
        _now = now;
        _procedure = Procedure().GetEnumerator();
        Advance();
    }

    public TimeSpan? NextTimeout() => Min(Min(_mappingClient.NextTimeout(), _filteringClient.NextTimeout()), _wakeAt);

    public void HandleTimeout(TimeSpan now)
    {
        _now = now;
        _mappingClient.HandleTimeout(now);
        _filteringClient.HandleTimeout(now);
        if (_wakeAt <= now) _wakeAt = null;
        Advance();
    }

    public void HandleDatagram(TimeSpan now, Datagram datagram)
    {
        _now = now;
        if (datagram.Local.Equals(_mappingClient.Local)) _mappingClient.HandleDatagram(now, datagram);
        else if (datagram.Local.Equals(_filteringClient.Local)) _filteringClient.HandleDatagram(now, datagram);
        Advance();
    }

    public bool TryPollTransmit(out Datagram datagram) =>
        _mappingClient.TryPollTransmit(out datagram) || _filteringClient.TryPollTransmit(out datagram);

    public bool TryPollEvent(out NatBehaviorReport protocolEvent) => _events.TryDequeue(out protocolEvent!);

    /// <summary>RFC 5780 §4.3 (mapping), §4.5 (hairpinning), §4.4 (filtering), §4.6 (binding lifetime), in that order.</summary>
    private IEnumerable<Func<bool>> Procedure()
    {
        var r = Report;
        // Mapping test I: an ordinary Binding request to the primary address.
        var t1 = Bind(_mappingClient, _server);
        yield return Done(t1);
        var test1 = _results[t1];
        if (!test1.Succeeded) { r.Problem = $"test I: {test1.Summary}"; yield break; }
        r.MappedAddress = test1.MappedAddress;
        r.OtherAddress = test1.OtherAddress;
        r.Step($"Mapping test I: to {_server} → mapped {Fmt(test1.MappedAddress)}" + (r.BehindNat == false ? " (the local address: no NAT)" : ""));
        if (test1.OtherAddress is not { } other) { r.Problem = "the server sent no OTHER-ADDRESS, so it cannot run RFC 5780 tests"; yield break; }

        // Mapping test II: the alternate address, primary port.
        var t2 = Bind(_mappingClient, new IPEndPoint(other.Address, _server.Port));
        yield return Done(t2);
        var test2 = _results[t2];
        r.Step($"Mapping test II: to {other.Address}:{_server.Port} → {(test2.Succeeded ? "mapped " + Fmt(test2.MappedAddress) : test2.Summary)}");
        if (!test2.Succeeded) r.Problem = $"mapping test II: {test2.Summary}";
        else if (test2.MappedAddress!.Equals(test1.MappedAddress)) r.Mapping = MappingBehavior.EndpointIndependent;
        else
        {
            // Mapping test III: the alternate address and alternate port.
            var t3 = Bind(_mappingClient, other);
            yield return Done(t3);
            var test3 = _results[t3];
            r.Step($"Mapping test III: to {other} → {(test3.Succeeded ? "mapped " + Fmt(test3.MappedAddress) : test3.Summary)}");
            if (!test3.Succeeded) r.Problem = $"mapping test III: {test3.Summary}";
            else r.Mapping = test3.MappedAddress!.Equals(test2.MappedAddress) ? MappingBehavior.AddressDependent : MappingBehavior.AddressAndPortDependent;
        }

        // Hairpinning: send to our own mapped address and see whether the request comes back to us.
        var th = Bind(_mappingClient, test1.MappedAddress!);
        yield return () => _mappingClient.HasReceivedStray(th) || _results.ContainsKey(th);
        r.Hairpinning = _mappingClient.HasReceivedStray(th);
        _mappingClient.Cancel(th);
        r.Step($"Hairpinning test: to our own mapped address {Fmt(test1.MappedAddress)} → {(r.Hairpinning == true ? "it came back" : "it never arrived")}");

        // Filtering test I on a fresh endpoint, so only the primary address has been contacted from it.
        var f1 = Bind(_filteringClient, _server);
        yield return Done(f1);
        if (!_results[f1].Succeeded) { r.Problem = $"filtering test I: {_results[f1].Summary}"; yield break; }
        r.Step($"Filtering test I: to {_server} from {_filteringClient.Local} → mapped {Fmt(_results[f1].MappedAddress)}");
        // Filtering test II: ask for the answer from the other address and port.
        var f2 = Bind(_filteringClient, _server, new ChangeRequest(true, true));
        yield return Done(f2);
        r.Step($"Filtering test II: CHANGE-REQUEST IP and port → {(_results[f2].Succeeded ? "answer from " + Fmt(_results[f2].ResponseOrigin) : "no answer")}");
        if (_results[f2].Succeeded) r.Filtering = FilteringBehavior.EndpointIndependent;
        else
        {
            // Filtering test III: only the port changes.
            var f3 = Bind(_filteringClient, _server, new ChangeRequest(false, true));
            yield return Done(f3);
            r.Step($"Filtering test III: CHANGE-REQUEST port → {(_results[f3].Succeeded ? "answer from " + Fmt(_results[f3].ResponseOrigin) : "no answer")}");
            r.Filtering = _results[f3].Succeeded ? FilteringBehavior.AddressDependent : FilteringBehavior.AddressAndPortDependent;
        }

        if (_lifetimeProbes.Count > 0)
        {
            // Binding lifetime: refresh the mapping once, stay silent, then at each probe time ask the server (from the
            // other endpoint) to answer to the first mapping's port with RESPONSE-PORT. No answer there: it expired.
            var refresh = Bind(_mappingClient, _server);
            yield return Done(refresh);
            if (!_results[refresh].Succeeded) { r.Problem = "lifetime test: the refresh got no answer"; yield break; }
            var quietSince = _results[refresh].Transcript[^2].Time;
            var port = (ushort)_results[refresh].MappedAddress!.Port;
            foreach (var idle in _lifetimeProbes)
            {
                _wakeAt = quietSince + idle;
                yield return () => _now >= quietSince + idle;
                var probe = Bind(_filteringClient, _server, new ResponsePort(port));
                yield return () => _mappingClient.HasReceivedStray(probe) || _results.ContainsKey(probe);
                var alive = _mappingClient.HasReceivedStray(probe);
                _filteringClient.Cancel(probe);
                if (alive) r.MappingAliveAfter = idle;
                else
                {
                    r.MappingGoneAfter = idle;
                    break;
                }
            }
            r.Step($"Lifetime test: mapping {(r.MappingAliveAfter is { } a ? $"alive after {a.TotalSeconds:0} s idle" : "never seen alive")}" +
                   (r.MappingGoneAfter is { } g ? $", gone after {g.TotalSeconds:0} s" : ""));
        }
    }

    private TransactionId Bind(StunClient client, IPEndPoint to, params StunAttribute[] attributes) => client.StartBinding(_now, to, attributes);

    private Func<bool> Done(TransactionId id) => () => _results.ContainsKey(id);

    /// <summary>Collects finished transactions and resumes the procedure while what it waits for has happened.</summary>
    private void Advance()
    {
        while (_mappingClient.TryPollEvent(out var e) || _filteringClient.TryPollEvent(out e)) _results[e.TransactionId] = e;
        if (_procedure is null || Finished) return;
        while (_procedure.Current is null || _procedure.Current())
        {
            if (!_procedure.MoveNext())
            {
                Finished = true;
                _wakeAt = null;
                _events.Enqueue(Report);
                return;
            }
        }
    }

    private static string Fmt(IPEndPoint? e) => e is null ? "none" : StunAddress.Format(e);

    private static TimeSpan? Min(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
