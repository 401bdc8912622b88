using System.Globalization;
using System.Net;
using System.Text;

namespace NatLearning.Ice;

/// <summary>
/// One ICE candidate as a browser writes it in SDP or hands it to <c>onicecandidate</c> (RFC 8839 §5.1,
/// <c>candidate-attribute</c>): <c>candidate:FOUNDATION COMPONENT TRANSPORT PRIORITY ADDRESS PORT typ TYPE [raddr A]
/// [rport P] *(NAME VALUE)</c>, e.g. Chrome's <c>… typ srflx raddr 0.0.0.0 rport 0 generation 0 ufrag x network-id 1</c>.
/// Parsing keeps every field as written (transport case, a <c>.local</c> mDNS name, extensions in order), so
/// <see cref="ToString"/> gives the same line back, byte for byte.
/// </summary>
public sealed record CandidateAttribute
{
    private CandidateAttribute(bool prefixed, string foundation, int component, string transport, uint priority, string address, int port, string type,
        string? relatedAddress, int? relatedPort, IReadOnlyList<KeyValuePair<string, string>> extensions)
    {
        Prefixed = prefixed;
        Foundation = foundation;
        Component = component;
        Transport = transport;
        Priority = priority;
        Address = address;
        Port = port;
        Type = type;
        RelatedAddress = relatedAddress;
        RelatedPort = relatedPort;
        Extensions = extensions;
    }

    /// <summary>The line began with <c>a=</c> (an SDP attribute line), not bare <c>candidate:</c> (a trickled candidate).</summary>
    public bool Prefixed { get; }
    public string Foundation { get; }
    public int Component { get; }

    /// <summary>As written: Chrome and Safari write <c>udp</c>, Firefox <c>UDP</c>; <c>tcp</c> candidates are RFC 6544's.</summary>
    public string Transport { get; }
    public uint Priority { get; }

    /// <summary>An IP address, or a name: browsers hide host addresses behind random <c>….local</c> mDNS names.</summary>
    public string Address { get; }
    public int Port { get; }

    /// <summary>host, srflx, prflx or relay (RFC 8839 §5.1), or a token this library does not know.</summary>
    public string Type { get; }
    public string? RelatedAddress { get; }
    public int? RelatedPort { get; }

    /// <summary>The name–value pairs after the fixed fields, in order: <c>tcptype</c>, <c>generation</c>, <c>ufrag</c>, <c>network-id</c>, <c>network-cost</c> …</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extensions { get; }

    // RFC 8445 §5.1.2.1: priority = 2^24 × type preference + 2^8 × local preference + (256 − component ID).
    public int TypePreference => (int)(Priority >> 24);
    public int LocalPreference => (int)((Priority >> 8) & 0xFFFF);
    public int ComponentFromPriority => 256 - (int)(Priority & 0xFF);

    /// <summary>The candidate type, when it is one of RFC 8445's four.</summary>
    public CandidateType? KnownType => Type switch
    {
        "host" => CandidateType.Host,
        "srflx" => CandidateType.ServerReflexive,
        "prflx" => CandidateType.PeerReflexive,
        "relay" => CandidateType.Relayed,
        _ => null,
    };

    /// <summary>The value of an extension such as <c>tcptype</c> or <c>ufrag</c>, or null.</summary>
    public string? Extension(string name)
    {
        foreach (var (n, v) in Extensions)
            if (n == name) return v;
        return null;
    }

    /// <summary>True when <see cref="Address"/> is a name (mDNS <c>.local</c> or other), not an IP address.</summary>
    public bool IsName => !IPAddress.TryParse(Address, out _);

    /// <summary>
    /// Parses one line, with or without <c>a=</c>, as RFC 8839 §5.1's grammar says (single spaces between fields). A line
    /// that is not one gives a <see cref="FormatException"/> naming the field that is wrong.
    /// </summary>
    public static CandidateAttribute Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.EndsWith('\r') ? line[..^1] : line;
        var prefixed = text.StartsWith("a=", StringComparison.Ordinal);
        if (prefixed) text = text[2..];
        if (!text.StartsWith("candidate:", StringComparison.Ordinal)) throw Bad(line, "it does not start with 'candidate:' (or 'a=candidate:')");
        var f = text["candidate:".Length..].Split(' ');
        if (f.Any(t => t.Length == 0)) throw Bad(line, "the fields must be separated by single spaces (RFC 8839 §5.1)");
        if (f.Length < 8) throw Bad(line, $"it has {f.Length} fields; a candidate needs foundation, component, transport, priority, address, port, 'typ' and a type");
        if (f[0].Length > 32 || !f[0].All(IsIceChar)) throw Bad(line, $"foundation '{f[0]}' is not 1 to 32 letters, digits, '+' or '/'");
        if (f[1].Length > 3 || !f[1].All(char.IsAsciiDigit) || int.Parse(f[1], CultureInfo.InvariantCulture) is < 1 or > 256) throw Bad(line, $"component '{f[1]}' is not 1 to 256");
        if (!f[2].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_')) throw Bad(line, $"transport '{f[2]}' is not a token");
        if (f[3].Length > 10 || !f[3].All(char.IsAsciiDigit) || !uint.TryParse(f[3], CultureInfo.InvariantCulture, out var priority) || priority is 0 or > Candidate.MaxPriority)
            throw Bad(line, $"priority '{f[3]}' is not 1 to 2^31 - 1 (RFC 8445 §5.1.2.1)");
        if (!IsAddress(f[4])) throw Bad(line, $"address '{f[4]}' is neither an IP address nor a host name");
        var port = ParsePort(line, f[5], "port");
        if (f[6] != "typ") throw Bad(line, $"the seventh field is '{f[6]}', not 'typ'");
        if (!f[7].All(IsTokenChar)) throw Bad(line, $"candidate type '{f[7]}' is not a token");
        string? raddr = null;
        int? rport = null;
        var at = 8;
        if (at + 1 < f.Length && f[at] == "raddr")
        {
            if (!IsAddress(f[at + 1])) throw Bad(line, $"raddr '{f[at + 1]}' is neither an IP address nor a host name");
            (raddr, at) = (f[at + 1], at + 2);
        }
        if (at + 1 < f.Length && f[at] == "rport") (rport, at) = (ParsePort(line, f[at + 1], "rport"), at + 2);
        if ((f.Length - at) % 2 != 0) throw Bad(line, $"'{f[^1]}' has no value: extensions come as name–value pairs");
        var extensions = new List<KeyValuePair<string, string>>();
        for (; at < f.Length; at += 2)
        {
            // RFC 8839 §5.1: extension-att-name = token, extension-att-value = *VCHAR (visible ASCII).
            if (!f[at].All(IsTokenChar)) throw Bad(line, $"extension name '{f[at]}' is not a token");
            if (!f[at + 1].All(c => c is > ' ' and < '\x7f')) throw Bad(line, $"the value of {f[at]} holds characters that are not visible ASCII");
            extensions.Add(new(f[at], f[at + 1]));
        }
        return new CandidateAttribute(prefixed, f[0], int.Parse(f[1], CultureInfo.InvariantCulture), f[2], priority, f[4], port, f[7], raddr, rport, extensions);
    }

    /// <summary>What the candidate tells a reader: behind which kind of address it sits, and whether a direct pair could use it.</summary>
    public string Meaning()
    {
        var tcp = Transport.Equals("tcp", StringComparison.OrdinalIgnoreCase) ? $" Over TCP (RFC 6544{(Extension("tcptype") is { } t ? $", tcptype {t}" : "")})." : "";
        // RFC 8839 §5.1: rel-addr is the base of a reflexive candidate, and the mapped address of a relayed one.
        var related = RelatedAddress is null ? ""
            : RelatedAddress is "0.0.0.0" or "::" ? $" Its related address is hidden ({RelatedAddress}): the browser does not reveal the address behind it."
            : Type == "relay" ? $" The relay allocated it for {RelatedAddress}:{RelatedPort}, the client's address as the TURN server saw it."
            : $" Its base, the host address it was found from, is {RelatedAddress}:{RelatedPort}.";
        var text = Type switch
        {
            "host" when IsName => "A host address hidden behind an mDNS name: only a peer on the same LAN can resolve it, and then a direct pair can work.",
            "host" => HostMeaning(),
            "srflx" => "The public address a STUN server saw: the device is behind a NAT. A direct pair works if the NAT keeps this mapping for other peers (endpoint-independent mapping) and lets them in.",
            "prflx" => "Learned from a connectivity check, not announced: a NAT gave this check a mapping of its own (often a symmetric NAT).",
            "relay" => "An address on a TURN relay: it works whatever the NATs do, but every packet goes through the relay.",
            _ => $"A candidate type '{Type}' that RFC 8445 does not define.",
        };
        return text + related + tcp;
    }

    private string HostMeaning()
    {
        if (!IPAddress.TryParse(Address, out var ip)) return "A host address.";
        if (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
            return ip.IsIPv6LinkLocal ? "An IPv6 link-local address: reachable only on the same link." : "An IPv6 address on the device itself: with IPv6 there is often no NAT, so a direct pair may work.";
        return Addressing.Ipv4.Classify(ip) switch
        {
            Addressing.AddressKind.Private => "The device's address on its LAN (private, RFC 1918): directly reachable only from the same network.",
            Addressing.AddressKind.SharedCgn => "An address in the carrier-grade NAT range (RFC 6598): the device is behind the provider's NAT.",
            Addressing.AddressKind.Loopback => "A loopback address: only this machine.",
            Addressing.AddressKind.LinkLocal => "A link-local address: reachable only on the same link.",
            _ => "A public address on the device itself: no NAT in front of it, so a direct pair can work.",
        };
    }

    public override string ToString()
    {
        var sb = new StringBuilder(Prefixed ? "a=candidate:" : "candidate:");
        sb.Append(Foundation).Append(' ').Append(Component.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Transport).Append(' ')
          .Append(Priority.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Address).Append(' ').Append(Port.ToString(CultureInfo.InvariantCulture))
          .Append(" typ ").Append(Type);
        if (RelatedAddress is not null) sb.Append(" raddr ").Append(RelatedAddress);
        if (RelatedPort is { } rp) sb.Append(" rport ").Append(rp.ToString(CultureInfo.InvariantCulture));
        foreach (var (n, v) in Extensions) sb.Append(' ').Append(n).Append(' ').Append(v);
        return sb.ToString();
    }

    // RFC 8839 §5.1: ice-char = ALPHA / DIGIT / "+" / "/".
    private static bool IsIceChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/';

    // RFC 4566 §9 token-char: visible ASCII except the separators " ( ) , / : ; < = > ? @ [ \ ] { }.
    private static bool IsTokenChar(char c) => c is > ' ' and < '\x7f' && "\"(),/:;<=>?@[\\]{}".IndexOf(c) < 0;

    // RFC 8839 §5.1 connection-address: an IPv4 or IPv6 address, or a host name (an mDNS name ends in .local).
    private static bool IsAddress(string s) => IPAddress.TryParse(s, out _) || s.Length <= 253 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');

    private static int ParsePort(string line, string field, string name) =>
        field.Length <= 5 && field.All(char.IsAsciiDigit) && int.Parse(field, CultureInfo.InvariantCulture) is var p and <= 65535
            ? p : throw Bad(line, $"{name} '{field}' is not 0 to 65535");

    // The line is pasted text: escaped (control bytes, escape sequences) before it reaches a terminal in the message.
    private static FormatException Bad(string line, string why) =>
        new($"'{Turn.ClientText.Printable(line.Length <= 80 ? line : line[..79] + "…")}' is not a candidate line: {Turn.ClientText.Printable(why)}.");
}
