namespace NatLearning.Lab;

/// <summary>
/// One side of the course's stage: where a peer sits for each kind of NAT in front of it.
/// </summary>
/// <param name="Name">"Alice" or "Bob".</param>
/// <param name="NatPublic">The public address of the peer's NAT (or of its carrier's NAT, or of its firewall).</param>
/// <param name="Lan">The home network behind the NAT, as a /24 prefix.</param>
/// <param name="Private">The peer's own address on that LAN.</param>
/// <param name="Public">The peer's address when it has no NAT at all.</param>
/// <param name="CarrierInside">The home router's address inside a carrier-grade NAT (RFC 6598's 100.64.0.0/10).</param>
/// <param name="FirstPort">The first public port the peer's NAT hands out (ports are given in sequence, so traces read easily).</param>
/// <param name="MediaPort">The UDP port the peer's application binds.</param>
public sealed record StageSide(string Name, string NatPublic, string Lan, string Private, string Public, string CarrierInside, int FirstPort, int MediaPort);
