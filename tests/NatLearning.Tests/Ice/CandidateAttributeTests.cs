using NatLearning.Ice;

namespace NatLearning.Tests.Ice;

/// <summary>RFC 8839 §5.1 candidate lines as browsers write them, read and written back byte for byte.</summary>
public class CandidateAttributeTests
{
    public static TheoryData<string> BrowserLines() =>
    [
        // Chrome (libwebrtc), from a public bug report: IPv4 and IPv6 host candidates with its extensions.
        "candidate:3351850224 1 udp 2122194687 192.168.0.5 52793 typ host generation 0 ufrag +ScT network-id 1 network-cost 10",
        "candidate:3506029053 1 udp 2122262783 2606:6000:6125:a900:51e9:9381:e9c2:cddf 56278 typ host generation 0 ufrag +ScT network-id 2 network-cost 10",
        // Chrome's mDNS host candidate and a server-reflexive one whose base it hides (raddr 0.0.0.0 rport 0).
        "candidate:1 1 udp 2113937151 4f1a6c3e-2b47-4a55-9d3c-1f0e8d2f6a11.local 54321 typ host generation 0 ufrag EsAw network-cost 999",
        "candidate:842163049 1 udp 1677729535 203.0.113.7 61812 typ srflx raddr 0.0.0.0 rport 0 generation 0 ufrag EsAw network-cost 999",
        "a=candidate:2 1 tcp 1518280447 192.168.1.20 9 typ host tcptype active generation 0 network-id 1",
        // Firefox: upper-case transport, no extensions on UDP.
        "candidate:0 1 UDP 2122252543 192.168.1.2 54321 typ host",
        "candidate:1 1 UDP 1686052863 203.0.113.7 54321 typ srflx raddr 192.168.1.2 rport 54321",
        "candidate:3 1 UDP 92217343 198.51.100.30 60525 typ relay raddr 203.0.113.7 rport 54321",
        // libnice (GStreamer's webrtcbin), from a public pull request: a passive TCP candidate.
        "candidate:6 1 TCP 1010827775 192.168.88.172 45781 typ host tcptype passive",
        // Safari (libwebrtc as well): an mDNS name for the host address.
        "candidate:1889286234 1 udp 2113937151 1b6c2d8e-7a3f-4e5b-9c21-0d4e6f8a9b10.local 63222 typ host generation 0 ufrag zL3P network-cost 999",
    ];

    [Theory]
    [MemberData(nameof(BrowserLines))]
    public void A_browser_line_is_read_and_written_back_byte_for_byte(string line) => Assert.Equal(line, CandidateAttribute.Parse(line).ToString());

    [Fact]
    public void The_fields_and_the_priority_are_decoded_as_RFC_8445_defines_them()
    {
        var c = CandidateAttribute.Parse("candidate:842163049 1 udp 1677729535 203.0.113.7 61812 typ srflx raddr 0.0.0.0 rport 0 generation 0 ufrag EsAw network-cost 999");
        Assert.Equal(("842163049", 1, "udp", 1677729535u, "203.0.113.7", 61812, "srflx"), (c.Foundation, c.Component, c.Transport, c.Priority, c.Address, c.Port, c.Type));
        Assert.Equal(("0.0.0.0", (int?)0), (c.RelatedAddress, c.RelatedPort));
        // RFC 8445 §5.1.2.1: priority = 2^24 × 100 + 2^8 × 30 + (256 − 1).
        Assert.Equal((100, 30, 1), (c.TypePreference, c.LocalPreference, c.ComponentFromPriority));
        Assert.Equal((1u << 24) * 100 + (1u << 8) * 30 + 255, c.Priority);
        Assert.Equal(CandidateType.ServerReflexive, c.KnownType);
        Assert.Equal("EsAw", c.Extension("ufrag"));
        Assert.Equal(["generation", "ufrag", "network-cost"], c.Extensions.Select(e => e.Key));
    }

    [Fact]
    public void What_a_candidate_means_follows_from_its_type_and_address()
    {
        Assert.Contains("mDNS", CandidateAttribute.Parse("candidate:1 1 udp 2113937151 4f1a6c3e.local 54321 typ host").Meaning());
        Assert.Contains("private, RFC 1918", CandidateAttribute.Parse("candidate:0 1 UDP 2122252543 192.168.1.2 54321 typ host").Meaning());
        Assert.Contains("behind a NAT", CandidateAttribute.Parse("candidate:1 1 UDP 1686052863 203.0.113.7 54321 typ srflx raddr 192.168.1.2 rport 54321").Meaning());
        Assert.Contains("TURN relay", CandidateAttribute.Parse("candidate:3 1 UDP 92217343 198.51.100.30 60525 typ relay raddr 203.0.113.7 rport 54321").Meaning());
        Assert.Contains("tcptype passive", CandidateAttribute.Parse("candidate:6 1 TCP 1010827775 192.168.88.172 45781 typ host tcptype passive").Meaning());
    }

    [Theory]
    [InlineData("candidate:1 1 udp 99999999999 1.2.3.4 5 typ host", "priority '99999999999' is not 1 to 2^31 - 1")]
    [InlineData("candidate:1 1 udp 2122194687 1.2.3.4 70000 typ host", "port '70000' is not 0 to 65535")]
    [InlineData("candidate:1 0 udp 2122194687 1.2.3.4 5 typ host", "component '0' is not 1 to 256")]
    [InlineData("candidate:1 1 udp 2122194687 1.2.3.4 5 type host", "the seventh field is 'type', not 'typ'")]
    [InlineData("candidate:1 1 udp 2122194687 1.2.3.4 5 typ host generation", "'generation' has no value")]
    [InlineData("candidate:1  1 udp 2122194687 1.2.3.4 5 typ host", "single spaces")]
    [InlineData("m=audio 9 UDP/TLS/RTP/SAVPF 111", "does not start with 'candidate:'")]
    [InlineData("candidate:1 1 udp 2122194687 1.2.3.4", "it has 5 fields")]
    [InlineData("candidate:1 1 udp 2113937151 \u001b[31mevil.local 5 typ host", "address '\\x1b[31mevil.local' is neither an IP address nor a host name")]
    [InlineData("candidate:1 1 udp 2113937151 1.2.3.4 5 typ h\u0007st", "candidate type 'h\\x07st' is not a token")]
    [InlineData("candidate:1 1 udp 2113937151 1.2.3.4 5 typ host gen\u001b[2J 0", "extension name 'gen\\x1b[2J' is not a token")]
    [InlineData("candidate:1 1 udp 2113937151 1.2.3.4 5 typ host ufrag a\u0000b", "the value of ufrag holds characters that are not visible ASCII")]
    [InlineData("candidate:1 1 udp 2113937151 1.2.3.4 5 typ srflx raddr b@d rport 1", "raddr 'b@d' is neither an IP address nor a host name")]
    public void A_line_that_is_not_a_candidate_says_which_field_is_wrong(string line, string why)
    {
        var message = Assert.Throws<FormatException>(() => CandidateAttribute.Parse(line)).Message;
        Assert.Contains(why, message);
        Assert.DoesNotContain(message, char.IsControl);   // pasted text reaches a terminal escaped
    }

    [Fact]
    public void An_sdp_and_pasted_json_give_their_candidates_and_the_line_of_each_bad_one()
    {
        var text = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n" +
                   "a=candidate:0 1 UDP 2122252543 192.168.1.2 54321 typ host\r\n" +
                   "{\"candidate\":\"candidate:1 1 udp 2113937151 4f1a6c3e.local 54321 typ host generation 0\",\"sdpMid\":\"0\"}\n" +
                   "a=candidate:9 1 udp 2122252543 192.168.1.2 99999 typ host\n";
        var (candidates, errors) = CandidateLines.Parse(text);
        Assert.Equal(["a=candidate:0 1 UDP 2122252543 192.168.1.2 54321 typ host", "candidate:1 1 udp 2113937151 4f1a6c3e.local 54321 typ host generation 0"],
            candidates.Select(c => c.ToString()));
        Assert.StartsWith("line 5: ", Assert.Single(errors));
    }
}
