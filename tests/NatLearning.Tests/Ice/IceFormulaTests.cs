using System.Net;
using NatLearning.Ice;
using NatLearning.Simulation;

namespace NatLearning.Tests.Ice;

public class IceFormulaTests
{
    [Theory]
    [InlineData(CandidateType.Host, 126)]
    [InlineData(CandidateType.PeerReflexive, 110)]
    [InlineData(CandidateType.ServerReflexive, 100)]
    [InlineData(CandidateType.Relayed, 0)]
    public void Candidate_priority_is_type_local_and_component_in_their_bit_fields(CandidateType type, int typePreference)
    {
        Assert.Equal(typePreference, type.Preference());
        var c = new Candidate(type, new IPEndPoint(IPAddress.Parse("192.0.2.1"), 5000), new IPEndPoint(IPAddress.Parse("192.0.2.1"), 5000), "1");
        Assert.Equal((uint)(typePreference * 16777216L + 65535 * 256 + 255), c.Priority);
        Assert.Equal(typePreference, c.TypePreference);
        Assert.Equal($"{typePreference} | 65535 | 255", c.PriorityParts);
    }

    [Fact]
    public void Well_known_priorities_match_what_browsers_announce()
    {
        Assert.Equal(2130706431u, Candidate.ComputePriority(126, 65535, 1));
        Assert.Equal(1694498815u, Candidate.ComputePriority(100, 65535, 1));
        Assert.Equal(2130706430u, Candidate.ComputePriority(126, 65535, 2));
    }

    [Fact]
    public void Pair_priority_of_two_host_candidates_is_the_rfc_value()
    {
        var host = Candidate.ComputePriority(126, 65535, 1);
        Assert.Equal(9151314442783293438UL, CandidatePair.ComputePriority(host, host));
    }

    [Fact]
    public void Pair_priority_uses_min_max_and_the_tie_bit_without_overflow()
    {
        Assert.Equal((1UL << 32) * 1 + 2 * 2 + 1, CandidatePair.ComputePriority(2, 1));
        Assert.Equal((1UL << 32) * 1 + 2 * 2 + 0, CandidatePair.ComputePriority(1, 2));
        // The largest candidate priority (2^31-1, RFC 8445 §5.1.2.1) still fits: no 32-bit overflow in the terms.
        const uint max = int.MaxValue;
        Assert.Equal(4294967296UL * max + 2UL * max, CandidatePair.ComputePriority(max, max));
        Assert.True(CandidatePair.ComputePriority(max, max) > uint.MaxValue * 2UL);
        // Ordering follows MIN first: a host/srflx pair beats a srflx/srflx pair.
        var host = Candidate.ComputePriority(126, 65535, 1);
        var srflx = Candidate.ComputePriority(100, 65535, 1);
        Assert.True(CandidatePair.ComputePriority(host, srflx) > CandidatePair.ComputePriority(srflx, srflx));
    }

    [Theory]
    [InlineData(127, 65535, 1)]
    [InlineData(126, 65536, 1)]
    [InlineData(126, 65535, 0)]
    [InlineData(-1, 0, 1)]
    public void Out_of_range_inputs_are_rejected_with_the_section(int type, int local, int component)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Candidate.ComputePriority(type, local, component));
        Assert.Contains("§5.1.2.1", e.Message);
    }

    [Fact]
    public void Sdp_candidate_lines_round_trip_and_bad_ones_say_why()
    {
        var ep = new IPEndPoint(IPAddress.Parse("49.36.10.25"), 62000);
        var c = new Candidate(CandidateType.ServerReflexive, ep, new IPEndPoint(IPAddress.Parse("192.168.1.10"), 5000), "2",
            relatedAddress: new IPEndPoint(IPAddress.Parse("192.168.1.10"), 5000));
        var line = c.ToSdp();
        Assert.Equal("candidate:2 1 udp 1694498815 49.36.10.25 62000 typ srflx raddr 192.168.1.10 rport 5000", line);
        var back = Candidate.ParseSdp("a=" + line);
        Assert.Equal(c.Priority, back.Priority);
        Assert.Equal(c.Type, back.Type);
        Assert.Equal(c.Address, back.Address);
        Assert.Equal(c.RelatedAddress, back.RelatedAddress);
        Assert.Contains("only UDP", Assert.Throws<FormatException>(() => Candidate.ParseSdp("candidate:1 1 tcp 1 1.2.3.4 5 typ host")).Message);
        Assert.Contains("Unknown candidate type", Assert.Throws<FormatException>(() => Candidate.ParseSdp("candidate:1 1 udp 1 1.2.3.4 5 typ bogus")).Message);
        Assert.Contains("not an IP", Assert.Throws<FormatException>(() => Candidate.ParseSdp("candidate:1 1 udp 1 nope 5 typ host")).Message);
    }

    [Fact]
    public void Foundations_are_shared_exactly_by_same_type_base_and_server()
    {
        var f = new Foundation();
        var ip = IPAddress.Parse("192.168.1.10");
        var stun = new IPEndPoint(IPAddress.Parse("198.51.100.20"), 3478);
        var host = f.For(CandidateType.Host, ip);
        Assert.Equal(host, f.For(CandidateType.Host, IPAddress.Parse("192.168.1.10")));
        Assert.NotEqual(host, f.For(CandidateType.ServerReflexive, ip, stun));
        Assert.NotEqual(f.For(CandidateType.ServerReflexive, ip, stun), f.For(CandidateType.ServerReflexive, ip, new IPEndPoint(stun.Address, 3479)));
        Assert.Equal(3, f.Count);
    }

    [Fact]
    public void Credentials_are_seeded_and_validated()
    {
        var a = IceCredentials.Generate(new SeededRandom(7));
        var b = IceCredentials.Generate(new SeededRandom(7));
        Assert.Equal(a, b);
        Assert.True(a.Password.Length >= 22);
        Assert.Throws<ArgumentException>(() => new IceCredentials("abc", new string('x', 22)));
        Assert.Throws<ArgumentException>(() => new IceCredentials("abcd", "short"));
        Assert.Throws<ArgumentException>(() => new IceCredentials("ab:c", new string('x', 22)));
    }

    [Fact]
    public void Options_reject_nonsense()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IceOptions { Ta = TimeSpan.Zero });
        Assert.Equal(TimeSpan.FromMilliseconds(50), IceOptions.Default.Ta);
    }
}
