using System.Net;

namespace NatLearning.Ice;

/// <summary>
/// A transport address where an agent might receive data (RFC 8445 §5.1): its type, the base it is sent from,
/// its foundation and priority.
/// </summary>
public sealed record Candidate
{
    /// <summary>The local preference of an agent with one interface (RFC 8445 §5.1.2.1: 65535 when there is only one).</summary>
    public const int DefaultLocalPreference = 65535;

    /// <summary>
    /// RFC 8445 §5.1.2.1: a candidate priority "MUST be a positive integer between 1 and (2**31 - 1)". Above it, 2*MAX(G,D)
    /// in the pair priority (§6.1.2.3) would spill into the 2^32*MIN(G,D) part and misorder the check list.
    /// </summary>
    public const uint MaxPriority = int.MaxValue;

    public Candidate(CandidateType type, IPEndPoint address, IPEndPoint baseAddress, string foundation, int component = 1,
        int localPreference = DefaultLocalPreference, uint? priority = null, IPEndPoint? relatedAddress = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentException.ThrowIfNullOrWhiteSpace(foundation);
        if (foundation.Length > 32) throw new ArgumentException($"A foundation is at most 32 characters (RFC 8445 §5.1.1.3); '{foundation}' has {foundation.Length}.", nameof(foundation));
        Type = type;
        Address = address;
        Base = baseAddress;
        Foundation = foundation;
        Component = component;
        LocalPreference = localPreference;
        if (priority is 0 or > MaxPriority)
            throw new ArgumentOutOfRangeException(nameof(priority), priority, $"A candidate priority is 1 to 2^31 - 1 = {MaxPriority} (RFC 8445 §5.1.2.1).");
        Priority = priority ?? ComputePriority(type.Preference(), localPreference, component);
        RelatedAddress = relatedAddress;
    }

    public CandidateType Type { get; }
    /// <summary>The transport address the peer sends to.</summary>
    public IPEndPoint Address { get; }
    /// <summary>Where the agent sends from for this candidate (RFC 8445 §5.1.1.1): the host address for host and server-reflexive ones.</summary>
    public IPEndPoint Base { get; }
    public string Foundation { get; }
    /// <summary>1 for RTP (or the only component), 2 for RTCP.</summary>
    public int Component { get; }
    public int LocalPreference { get; }
    public uint Priority { get; }
    /// <summary>For reflexive and relayed candidates: the base they came from (SDP raddr/rport).</summary>
    public IPEndPoint? RelatedAddress { get; }
    public int TypePreference => (int)(Priority >> 24);

    /// <summary>The candidate priority (RFC 8445 §5.1.2.1).</summary>
    public static uint ComputePriority(int typePreference, int localPreference, int component)
    {
        if (typePreference is < 0 or > 126) throw new ArgumentOutOfRangeException(nameof(typePreference), typePreference, "A type preference is 0 to 126 (RFC 8445 §5.1.2.1).");
        if (localPreference is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(localPreference), localPreference, "A local preference is 0 to 65535 (RFC 8445 §5.1.2.1).");
        if (component is < 1 or > 256) throw new ArgumentOutOfRangeException(nameof(component), component, "A component id is 1 to 256 (RFC 8445 §5.1.2.1).");
        // RFC 8445 §5.1.2.1: priority = 2^24 * type preference + 2^8 * local preference + (256 - component ID).
        return (uint)((1L << 24) * typePreference + (1L << 8) * localPreference + (256 - component));
    }

    /// <summary>The priority in its three parts, as the Trickle ICE page shows it: "126 | 65535 | 255".</summary>
    public string PriorityParts => $"{Priority >> 24} | {(Priority >> 8) & 0xFFFF} | {Priority & 0xFF}";

    /// <summary>The SDP attribute value (RFC 8839 §5.1), e.g. "candidate:1 1 udp 2130706431 192.168.1.10 5000 typ host".</summary>
    public string ToSdp() =>
        $"candidate:{Foundation} {Component} udp {Priority} {Address.Address} {Address.Port} typ {Type.SdpName()}" +
        (RelatedAddress is { } r ? $" raddr {r.Address} rport {r.Port}" : "");

    /// <summary>Parses an SDP candidate line (with or without "a="); bad input gives a FormatException saying what is wrong.</summary>
    public static Candidate ParseSdp(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.StartsWith("a=", StringComparison.Ordinal) ? line[2..] : line;
        if (!text.StartsWith("candidate:", StringComparison.Ordinal)) throw new FormatException($"'{line}' is not a candidate line (it must start with 'candidate:').");
        var f = text["candidate:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length < 8 || f[6] != "typ") throw new FormatException($"'{line}' needs: foundation component transport priority address port typ type.");
        if (!f[2].Equals("udp", StringComparison.OrdinalIgnoreCase)) throw new FormatException($"'{line}': only UDP candidates are supported, not {f[2]}.");
        if (!int.TryParse(f[1], out var component) || component is < 1 or > 256) throw new FormatException($"'{line}': component '{f[1]}' is not 1 to 256.");
        if (!uint.TryParse(f[3], out var priority) || priority is 0 or > MaxPriority) throw new FormatException($"'{line}': priority '{f[3]}' is not 1 to 2^31 - 1 = {MaxPriority} (RFC 8445 §5.1.2.1).");
        if (!IPAddress.TryParse(f[4], out var ip)) throw new FormatException($"'{line}': '{f[4]}' is not an IP address.");
        if (!int.TryParse(f[5], out var port) || port is < 0 or > 65535) throw new FormatException($"'{line}': port '{f[5]}' is not 0 to 65535.");
        var type = CandidateTypes.ParseSdpName(f[7]);
        IPEndPoint? related = null;
        var raddr = Array.IndexOf(f, "raddr");
        var rport = Array.IndexOf(f, "rport");
        if (raddr > 0 && rport > 0 && raddr + 1 < f.Length && rport + 1 < f.Length
            && IPAddress.TryParse(f[raddr + 1], out var rip) && int.TryParse(f[rport + 1], out var rp) && rp is >= 0 and <= 65535)
            related = new IPEndPoint(rip, rp);
        var address = new IPEndPoint(ip, port);
        return new Candidate(type, address, address, f[0], component, (int)((priority >> 8) & 0xFFFF), priority, related);
    }

    public override string ToString() => $"{Type.SdpName()} {Address} (priority {Priority}, foundation {Foundation})";
}
