namespace NatLearning.Simulation;

/// <summary>The wire between a node and the segment it is attached to: one-way latency and a loss rate.</summary>
public sealed record Link
{
    public Link(TimeSpan latency, double loss = 0)
    {
        if (latency < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(latency), latency, "Latency cannot be negative.");
        if (loss is < 0 or > 1 || double.IsNaN(loss)) throw new ArgumentOutOfRangeException(nameof(loss), loss, "Loss is a probability from 0 to 1.");
        Latency = latency;
        Loss = loss;
    }

    public TimeSpan Latency { get; }

    /// <summary>Probability that a packet crossing this link is lost (drawn from the network's seeded generator).</summary>
    public double Loss { get; }

    /// <summary>A home or office LAN: 1 ms, no loss.</summary>
    public static Link Lan { get; } = new(TimeSpan.FromMilliseconds(1));

    /// <summary>An access link to the internet core: 10 ms, no loss.</summary>
    public static Link Internet { get; } = new(TimeSpan.FromMilliseconds(10));

    public static Link FromMilliseconds(double ms, double loss = 0) => new(TimeSpan.FromMilliseconds(ms), loss);
}
