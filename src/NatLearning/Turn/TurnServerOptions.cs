using System.Net;

namespace NatLearning.Turn;

/// <summary>How a <see cref="TurnServer"/> is set up: its realm and users, the relay addresses it may hand out, its limits.</summary>
public sealed record TurnServerOptions
{
    /// <summary>The realm of the long-term credentials (RFC 8489 §9.2), e.g. "natlearning.example".</summary>
    public required string Realm { get; init; }

    /// <summary>Username → password.</summary>
    public required IReadOnlyDictionary<string, string> Users { get; init; }

    /// <summary>
    /// The relayed transport addresses the server may allocate, one per allocation. In the simulation these are extra
    /// sockets bound on the server's host; over real UDP, sockets the driver opened.
    /// </summary>
    public required IReadOnlyList<IPEndPoint> RelayEndPoints { get; init; }

    // RFC 8656 §2.2 and §7.2: the default allocation lifetime is 10 minutes.
    public TimeSpan DefaultLifetime { get; init; } = TimeSpan.FromSeconds(600);

    // RFC 8656 §7.2: the server caps requested lifetimes; 3600 s is the RFC's recommended maximum.
    public TimeSpan MaxLifetime { get; init; } = TimeSpan.FromSeconds(3600);

    /// <summary>How long a NONCE stays valid before the server answers 438 (Stale Nonce); the RFC leaves the value to the server.</summary>
    public TimeSpan NonceLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Allocations one username may hold at once (coturn's <c>--user-quota</c>); one more gets 486 (Allocation Quota
    /// Reached, RFC 8656 §7.2 step 10). 0, the default as in coturn, means no limit but <see cref="TotalQuota"/>.
    /// </summary>
    public int UserQuota { get; init; }

    /// <summary>
    /// Allocations the server holds at once, all users together (coturn's <c>--total-quota</c>); one more gets 508
    /// (Insufficient Capacity, RFC 8656 §7.2: "some capacity limit being reached"). 0, the default, means one per relay endpoint.
    /// </summary>
    public int TotalQuota { get; init; }

    /// <summary>Peers one allocation may hold permissions for (our bound; RFC 8656 §9.2 lets the server answer 508 past it).</summary>
    public int MaxPermissionsPerAllocation { get; init; } = 64;

    /// <summary>Channels one allocation may bind (our bound under the 4096 numbers; 508 past it, RFC 8656 §11.2).</summary>
    public int MaxChannelsPerAllocation { get; init; } = 64;

    /// <summary>Which peers the server relays to; the rest get 403 Forbidden (RFC 8656 §9.2, §11.2, §21).</summary>
    public PeerPolicy Peers { get; init; } = PeerPolicy.Default;

    /// <summary>
    /// The key of the stateless nonces' MAC. Null draws 32 bytes from the server's seeded source (same seed, same
    /// trace); the real server passes bytes from the operating system's cryptographic source.
    /// </summary>
    public byte[]? NonceKey { get; init; }

    /// <summary>Responses kept for retransmissions (RFC 8489 §6.3.1); the oldest goes first when full.</summary>
    public int ResponseCacheCapacity { get; init; } = 4096;

    /// <summary>The SOFTWARE attribute in responses, or null for none.</summary>
    public string? Software { get; init; } = "NatLearning TURN";
}
