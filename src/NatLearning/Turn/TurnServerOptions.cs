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

    /// <summary>Allocations one username may hold at once; one more gets 486 (Allocation Quota Reached, RFC 8656 §7.2).</summary>
    public int AllocationQuota { get; init; } = 10;

    /// <summary>The SOFTWARE attribute in responses, or null for none.</summary>
    public string? Software { get; init; } = "NatLearning TURN";
}
