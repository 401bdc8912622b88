using NatLearning.Nat;
using NatLearning.Tracing;

namespace NatLearning.Tests.Nat;

public class MappingLifetimeTests
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);

    [Fact]
    public void Default_lifetime_is_two_minutes_and_outbound_traffic_refreshes_it()
    {
        var bed = new NatTestBed(NatBehavior.FullCone);
        Assert.Equal(TimeSpan.FromSeconds(120), NatBehavior.FullCone.MappingLifetime);
        var pub = bed.AliceSendsTo(bed.S1);
        var created = bed.Router.Table.Entries.Single();
        Assert.Equal(created.Created + 120 * S, created.Expires);

        bed.Net.RunUntil(60 * S);
        bed.AliceSendsTo(bed.S1);
        var refreshed = bed.Router.Table.Entries.Single();
        Assert.Equal(refreshed.LastUsed + 120 * S, refreshed.Expires);
        Assert.True(refreshed.Expires > created.Expires);

        bed.Net.RunUntil(refreshed.Expires - S);
        Assert.True(bed.ServerSends(bed.S1, pub).Delivered);          // still open just before expiry

        bed.Net.RunUntil(refreshed.Expires + S);
        Assert.Empty(bed.Router.Table.Entries);
        var expired = Assert.Single(bed.Net.Trace.Events, e => e.Kind == TraceEventKind.MappingExpired);
        Assert.Equal(refreshed.Expires, expired.Time);
        var (ok, drop) = bed.ServerSends(bed.S1, pub);
        Assert.False(ok);
        Assert.Equal(DropReason.MappingExpired, drop!.Reason);
    }

    [Fact]
    public void Inbound_traffic_refreshes_only_when_enabled()
    {
        foreach (var inboundRefresh in new[] { false, true })
        {
            var bed = new NatTestBed(NatBehavior.FullCone with { InboundRefresh = inboundRefresh, MappingLifetime = 30 * S });
            var pub = bed.AliceSendsTo(bed.S1);
            var expires = bed.Router.Table.Entries.Single().Expires;
            bed.Net.RunUntil(20 * S);
            Assert.True(bed.ServerSends(bed.S1, pub).Delivered);
            bed.Net.RunUntil(expires + S);
            Assert.Equal(inboundRefresh ? 1 : 0, bed.Router.Table.Count);
        }
    }

    [Fact]
    public void Without_outbound_refresh_a_busy_mapping_still_expires()
    {
        var bed = new NatTestBed(NatBehavior.FullCone with { OutboundRefresh = false, MappingLifetime = 10 * S });
        var first = bed.AliceSendsTo(bed.S1);
        bed.Net.RunUntil(9 * S);
        bed.AliceSendsTo(bed.S1);
        bed.Net.RunUntil(11 * S);
        var second = bed.AliceSendsTo(bed.S1);
        Assert.Equal(2, bed.Net.Trace.Events.Count(e => e.Kind == TraceEventKind.MappingCreated));
        Assert.Equal(first.Address, second.Address);
    }

    [Fact]
    public void A_lifetime_must_be_positive()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => NatBehavior.FullCone with { MappingLifetime = TimeSpan.Zero });
        Assert.Contains("MappingLifetime", e.Message);
    }
}
