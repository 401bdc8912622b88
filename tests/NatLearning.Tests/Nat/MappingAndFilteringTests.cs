using NatLearning.Nat;
using NatLearning.Tracing;

namespace NatLearning.Tests.Nat;

/// <summary>RFC 4787 §4.1 and §5: each of the 9 mapping × filtering combinations, probed from outside.</summary>
public class MappingAndFilteringTests
{
    public static TheoryData<MappingBehavior, FilteringBehavior> Combinations()
    {
        var d = new TheoryData<MappingBehavior, FilteringBehavior>();
        foreach (var m in Enum.GetValues<MappingBehavior>())
            foreach (var f in Enum.GetValues<FilteringBehavior>())
                d.Add(m, f);
        return d;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Public_endpoint_reuse_follows_the_mapping_behaviour(MappingBehavior mapping, FilteringBehavior filtering)
    {
        var bed = new NatTestBed(new NatBehavior(mapping, filtering));
        var toS1 = bed.AliceSendsTo(bed.S1);
        var toS1OtherPort = bed.AliceSendsTo(bed.S1OtherPort);
        var toS2 = bed.AliceSendsTo(bed.S2);

        // Same destination address, other port: only address-and-port-dependent mapping makes a new mapping.
        Assert.Equal(mapping != MappingBehavior.AddressAndPortDependent, toS1.Equals(toS1OtherPort));
        // Another destination address: endpoint-independent mapping alone reuses it.
        Assert.Equal(mapping == MappingBehavior.EndpointIndependent, toS1.Equals(toS2));
        var expectedMappings = mapping switch
        {
            MappingBehavior.EndpointIndependent => 1,
            MappingBehavior.AddressDependent => 2,
            _ => 3,
        };
        Assert.Equal(expectedMappings, bed.Router.Table.Count);
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Inbound_packets_pass_or_drop_as_the_filtering_behaviour_says(MappingBehavior mapping, FilteringBehavior filtering)
    {
        var bed = new NatTestBed(new NatBehavior(mapping, filtering));
        var publicEndpoint = bed.AliceSendsTo(bed.S1);

        // The endpoint Alice contacted may always answer.
        Assert.True(bed.ServerSends(bed.S1, publicEndpoint).Delivered);

        // Same address, another port.
        var (samePortOk, drop1) = bed.ServerSends(bed.S1OtherPort, publicEndpoint);
        Assert.Equal(filtering != FilteringBehavior.AddressAndPortDependent, samePortOk);
        if (!samePortOk) Assert.Equal(DropReason.FilteredByPort, drop1!.Reason);

        // An address Alice never contacted.
        var (otherAddressOk, drop2) = bed.ServerSends(bed.S2, publicEndpoint);
        Assert.Equal(filtering == FilteringBehavior.EndpointIndependent, otherAddressOk);
        if (!otherAddressOk)
        {
            Assert.Equal(DropReason.FilteredByAddress, drop2!.Reason);
            Assert.Equal("NAT", drop2.Node);
        }

        // A public port with no mapping at all is dropped whatever the filtering.
        var (noMappingOk, drop3) = bed.ServerSends(bed.S1, new System.Net.IPEndPoint(bed.Router.PublicAddress, 9));
        Assert.False(noMappingOk);
        Assert.Equal(DropReason.NoMapping, drop3!.Reason);
    }

    [Fact]
    public void Presets_carry_their_classic_names()
    {
        Assert.Equal("full cone", NatBehavior.FullCone.ClassicName);
        Assert.Equal("restricted cone", NatBehavior.RestrictedCone.ClassicName);
        Assert.Equal("port-restricted cone", NatBehavior.PortRestrictedCone.ClassicName);
        Assert.Equal("symmetric", NatBehavior.Symmetric.ClassicName);
        Assert.Equal("EIM + APDF", NatBehavior.PortRestrictedCone.ShortName);
        Assert.Equal("address-dependent mapping with endpoint-independent filtering",
            new NatBehavior(MappingBehavior.AddressDependent, FilteringBehavior.EndpointIndependent).ClassicName);
        var e = Assert.Throws<ArgumentException>(() => NatBehavior.FromName("cone"));
        Assert.Contains("full-cone", e.Message);
    }
}
