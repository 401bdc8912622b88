namespace NatLearning.Simulation;

/// <summary>
/// The discrete-event scheduler and virtual clock. Time only moves when an event runs, so a simulation
/// of an hour takes as long as its events need. Ties run in the order they were scheduled.
/// </summary>
public sealed class Scheduler
{
    // Events are grouped by due time: a heap of distinct times, each with a FIFO of its events. Most events fall on
    // a handful of times (now + a link latency), so enqueue and dequeue are O(1) in the common case, and FIFO order
    // within a time is what makes ties run in scheduling order.
    private readonly PriorityQueue<long, long> _times = new();
    private readonly Dictionary<long, Queue<Item>> _buckets = [];
    private readonly Stack<Queue<Item>> _spareBuckets = new();
    private int _count;
    private long _lastTicks = -1;            // the bucket most recently used, to skip the dictionary on the hot path
    private Queue<Item>? _lastBucket;
    private long _headTicks = -1;            // the bucket Step is draining, likewise
    private Queue<Item>? _headBucket;
    private int _foreground;
    private int _cancelledWaiting;          // cancelled timers still in a bucket

    /// <summary>The virtual time now (100 ns resolution).</summary>
    public TimeSpan Now { get; private set; }

    /// <summary>How many events have run.</summary>
    public long EventsRun { get; private set; }

    /// <summary>Events waiting, including background timers such as NAT mapping expiry.</summary>
    public int Pending => _count;

    /// <summary>Events waiting that keep <see cref="RunUntilIdle"/> going (packets in flight, protocol timers).</summary>
    public int PendingForeground => _foreground;

    public TimeSpan? NextEventTime => PeekLive(out var t) ? TimeSpan.FromTicks(t) : null;

    /// <summary>Runs <paramref name="action"/> after <paramref name="delay"/> of virtual time.</summary>
    public void Schedule(TimeSpan delay, Action action) => At(Now + delay, action);

    /// <summary>Runs <paramref name="action"/> at virtual time <paramref name="time"/> (not before now).</summary>
    public void At(TimeSpan time, Action action) => Enqueue(time, new Item(action, null, null, null, background: false));

    /// <summary>Like <see cref="At"/>, but the event does not keep <see cref="RunUntilIdle"/> running (e.g. a mapping timer).</summary>
    public void AtInBackground(TimeSpan time, Action action) => Enqueue(time, new Item(action, null, null, null, background: true));

    internal void ScheduleArrival(TimeSpan time, Node node, Packets.Packet packet, Attachment via) =>
        Enqueue(time, new Item(null, node, packet, via, background: false));

    /// <summary>A timer that can be called off: once cancelled it neither runs nor keeps <see cref="RunUntilIdle"/> going.</summary>
    internal TimerHandle AtCancellable(TimeSpan time, Action action, bool background)
    {
        var handle = new TimerHandle(background);
        Enqueue(time, new Item(action, null, null, null, background, handle));
        return handle;
    }

    internal void Cancel(TimerHandle handle)
    {
        if (handle.Cancelled || handle.Ran) return;
        handle.Cancelled = true;
        _cancelledWaiting++;
        if (!handle.Background) _foreground--;
    }

    // Cancelled timers are left in their bucket and thrown away when they reach the head.
    private bool PeekLive(out long ticks)
    {
        if (_cancelledWaiting == 0) return _times.TryPeek(out ticks, out _);   // the hot path: nothing to throw away
        while (_times.TryPeek(out ticks, out _))
        {
            var bucket = Bucket(ticks);
            if (bucket.Peek().Handle is not { Cancelled: true }) return true;
            bucket.Dequeue();
            _count--;
            _cancelledWaiting--;
            if (bucket.Count == 0) RemoveHead(ticks, bucket);
        }
        return false;
    }

    private Queue<Item> Bucket(long ticks)
    {
        if (ticks == _headTicks) return _headBucket!;
        var bucket = ticks == _lastTicks ? _lastBucket! : _buckets[ticks];
        _headTicks = ticks;
        _headBucket = bucket;
        return bucket;
    }

    private void RemoveHead(long ticks, Queue<Item> bucket)
    {
        _times.Dequeue();
        _buckets.Remove(ticks);
        _spareBuckets.Push(bucket);
        _headTicks = -1;
        _headBucket = null;
        if (ticks == _lastTicks)
        {
            _lastTicks = -1;
            _lastBucket = null;
        }
    }

    private void Enqueue(TimeSpan time, Item item)
    {
        if (time < Now) time = Now;
        if (!item.Background) _foreground++;
        _count++;
        Queue<Item>? bucket;
        if (time.Ticks == _lastTicks) bucket = _lastBucket!;
        else if (!_buckets.TryGetValue(time.Ticks, out bucket))
        {
            bucket = _spareBuckets.Count > 0 ? _spareBuckets.Pop() : new Queue<Item>();
            _buckets[time.Ticks] = bucket;
            _times.Enqueue(time.Ticks, time.Ticks);
        }
        bucket.Enqueue(item);
        _lastTicks = time.Ticks;
        _lastBucket = bucket;
    }

    /// <summary>Runs the next event, whatever it is. False when nothing is left.</summary>
    public bool Step()
    {
        if (!PeekLive(out var ticks)) return false;
        var bucket = Bucket(ticks);
        var item = bucket.Dequeue();
        if (bucket.Count == 0) RemoveHead(ticks, bucket);
        _count--;
        Now = TimeSpan.FromTicks(ticks);
        if (!item.Background) _foreground--;
        if (item.Handle is { } handle) handle.Ran = true;
        EventsRun++;
        if (item.Action is not null) item.Action();
        else item.Node!.Receive(item.Packet!, item.Via!);
        return true;
    }

    /// <summary>Runs until no foreground event is left; background timers due by then run too.</summary>
    /// <returns>The number of events run.</returns>
    public long RunUntilIdle(long maxEvents = 50_000_000)
    {
        var start = EventsRun;
        while (_foreground > 0)
        {
            if (EventsRun - start >= maxEvents)
                throw new InvalidOperationException($"The simulation ran {maxEvents} events without going idle; a protocol may be looping.");
            Step();
        }
        return EventsRun - start;
    }

    /// <summary>Runs every event due up to <paramref name="time"/>, then sets the clock to it.</summary>
    public long RunUntil(TimeSpan time)
    {
        var start = EventsRun;
        while (PeekLive(out var t) && t <= time.Ticks) Step();
        if (time > Now) Now = time;
        return EventsRun - start;
    }

    /// <summary>Runs the events of the next <paramref name="duration"/> of virtual time.</summary>
    public long RunFor(TimeSpan duration) => RunUntil(Now + duration);

    private readonly struct Item(Action? action, Node? node, Packets.Packet? packet, Attachment? via, bool background, TimerHandle? handle = null)
    {
        public readonly TimerHandle? Handle = handle;
        public readonly Action? Action = action;
        public readonly Node? Node = node;
        public readonly Packets.Packet? Packet = packet;
        public readonly Attachment? Via = via;
        public readonly bool Background = background;
    }
}
