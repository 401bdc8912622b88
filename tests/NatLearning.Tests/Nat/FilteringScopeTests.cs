using System.Net;
using NatLearning.Nat;
using NatLearning.Tracing;

namespace NatLearning.Tests.Nat;

/// <summary>
/// RFC 4787 §5 filtering when the mapping is not endpoint-independent: by default a packet is admitted only by the
/// mapping it hits (as Linux conntrack does); <see cref="FilteringScope.PerInternalEndpoint"/> keeps the RFC's
/// per-internal-endpoint reading, where any mapping of X:x that sent to the source lets it in.
/// </summary>
public class FilteringScopeTests
{
    [Theory]
    [InlineData(MappingBehavior.AddressAndPortDependent, FilteringBehavior.AddressAndPortDependent)]
    [InlineData(MappingBehavior.AddressDependent, FilteringBehavior.AddressDependent)]
    [InlineData(MappingBehavior.AddressAndPortDependent, FilteringBehavior.AddressDependent)]
    public void Per_mapping_a_packet_enters_only_through_a_row_that_sent_to_it(MappingBehavior mapping, FilteringBehavior filtering)
    {
        var bed = new NatTestBed(new NatBehavior(mapping, filtering));
        var toS1 = bed.AliceSendsTo(bed.S1);
        var toS2 = bed.AliceSendsTo(bed.S2);
        Assert.NotEqual(toS1, toS2);

        // S2 answers through its own row: admitted. S2 sends to the row made for S1: dropped, and the drop names that row.
        Assert.True(bed.ServerSends(bed.S2, toS2).Delivered);
        var (delivered, drop) = bed.ServerSends(bed.S2, toS1);
        Assert.False(delivered);
        Assert.Equal(DropReason.FilteredByAddress, drop!.Reason);
        Assert.Contains($"through mapping {toS1} (made for destination 1.1.1.1", drop.Detail);
        Assert.Contains($"its mapping {toS2} did", drop.Detail);

        // What the table shows for the row S2 hit is exactly what it admits.
        var row = bed.Router.Table.Entries.Single(e => e.InsideGlobal.Equals(toS1));
        Assert.DoesNotContain(row.Admits, a => a.StartsWith("2.2.2.2", StringComparison.Ordinal));
    }

    [Fact]
    public void Per_internal_endpoint_a_sibling_rows_contact_lets_the_packet_in_and_the_trace_says_so()
    {
        var bed = new NatTestBed(NatBehavior.Symmetric with { FilteringScope = FilteringScope.PerInternalEndpoint });
        var toS1 = bed.AliceSendsTo(bed.S1);
        var toS2 = bed.AliceSendsTo(bed.S2);

        var before = bed.Net.Trace.Events.Count;
        Assert.True(bed.ServerSends(bed.S2, toS1).Delivered);
        var translated = bed.Net.Trace.Events.Skip(before).Last(e => e.Kind == TraceEventKind.Translated);
        Assert.Contains($"admitted because 192.168.1.10:5000's other mapping {toS2} sent to 2.2.2.2:3478", translated.Detail);

        // S1 from another port: the address is known through S1's row, not the port (RFC 4787 §5 APDF).
        var (ok, drop) = bed.ServerSends(bed.S1OtherPort, toS2);
        Assert.False(ok);
        Assert.Equal(DropReason.FilteredByPort, drop!.Reason);
    }

    [Fact]
    public void With_endpoint_independent_mapping_the_scope_changes_nothing()
    {
        foreach (var scope in Enum.GetValues<FilteringScope>())
        {
            var bed = new NatTestBed(NatBehavior.PortRestrictedCone with { FilteringScope = scope });
            var mapped = bed.AliceSendsTo(bed.S1);
            Assert.Equal(mapped, bed.AliceSendsTo(bed.S2));
            Assert.True(bed.ServerSends(bed.S2, mapped).Delivered);
            var (ok, drop) = bed.ServerSends(bed.S1OtherPort, mapped);
            Assert.False(ok);
            // The endpoint-independent wording is the one the course has always shown: no row to name.
            Assert.Equal("NAT: 192.168.1.10:5000 sent to 1.1.1.1, but never to port 4000 (address-and-port-dependent filtering)", drop!.Detail);
        }
    }

    [Fact]
    public void The_default_scope_is_per_mapping() =>
        Assert.Equal(FilteringScope.PerMapping, NatBehavior.Symmetric.FilteringScope);
}
