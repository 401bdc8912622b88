namespace NatLearning.Turn;

/// <summary>
/// What relaying costs when every user's media goes through the TURN server, scaled up from traffic measured in the
/// simulation: the relay receives each stream and sends it on, so its links carry it twice; peer to peer, the server
/// carries only the STUN exchange.
/// </summary>
/// <example>
/// <code>
/// var report = new RelayCostModel { Users = 1000, MegabitsPerSecondPerUser = 2 }
///     .Estimate(server.Traffic, applicationBytes, stunBytesPerUser);
/// Console.WriteLine(report.ToText());
/// </code>
/// </example>
public sealed record RelayCostModel
{
    public int Users { get; init; } = 1000;

    /// <summary>Each user's media rate (application data, before any header).</summary>
    public double MegabitsPerSecondPerUser { get; init; } = 2;

    /// <summary>Price of one gigabyte of server egress, an assumption to change (cloud egress is roughly $0.01–0.09).</summary>
    public decimal PricePerGigabyte { get; init; } = 0.05m;

    /// <summary>Scales measured relay traffic to <see cref="Users"/> users.</summary>
    /// <param name="measured">What the relay carried in the simulation.</param>
    /// <param name="applicationBytes">The media bytes the users sent for it (the measured traffic's payload).</param>
    /// <param name="p2pServerBytesPerUser">Bytes a user exchanges with the server when going peer to peer (the STUN round trip), measured too.</param>
    public RelayCostReport Estimate(RelayTraffic measured, long applicationBytes, long p2pServerBytesPerUser)
    {
        ArgumentNullException.ThrowIfNull(measured);
        if (applicationBytes <= 0) throw new ArgumentOutOfRangeException(nameof(applicationBytes), applicationBytes, "Measure some relayed media first.");
        if (Users < 1) throw new ArgumentOutOfRangeException(nameof(Users), Users, "At least one user.");
        if (MegabitsPerSecondPerUser <= 0) throw new ArgumentOutOfRangeException(nameof(MegabitsPerSecondPerUser), MegabitsPerSecondPerUser, "The rate must be positive.");
        var inFactor = (double)measured.WireBytesIn / applicationBytes;
        var outFactor = (double)measured.WireBytesOut / applicationBytes;
        var media = Users * MegabitsPerSecondPerUser;
        var inMbps = media * inFactor;
        var outMbps = media * outFactor;
        // Megabits per second × seconds in 30 days ÷ 8 bits per byte ÷ 1000 MB per GB.
        var gigabytesPerMonth = outMbps * 30 * 24 * 3600 / 8 / 1000;
        return new RelayCostReport(this, inFactor, outFactor, inMbps, outMbps, gigabytesPerMonth, (decimal)gigabytesPerMonth * PricePerGigabyte,
            p2pServerBytesPerUser);
    }
}
