using NatLearning.Lab;
using NatLearning.Nat;
using NatLearning.Simulation;
using NatLearning.Stun;

namespace NatLearning.Tests.Stun;

public class NatBehaviorDiscoveryTests
{
    public static TheoryData<MappingBehavior, FilteringBehavior> AllCombinations()
    {
        var data = new TheoryData<MappingBehavior, FilteringBehavior>();
        foreach (var m in Enum.GetValues<MappingBehavior>())
            foreach (var f in Enum.GetValues<FilteringBehavior>()) data.Add(m, f);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllCombinations))]
    public void Discovery_classifies_each_mapping_and_filtering_combination(MappingBehavior mapping, FilteringBehavior filtering)
    {
        var behavior = new NatBehavior(mapping, filtering);
        var report = Discover(behavior);
        Assert.Null(report.Problem);
        Assert.Equal(true, report.BehindNat);
        Assert.Equal(mapping, report.Mapping);
        Assert.Equal(filtering, report.Filtering);
        Assert.Equal(behavior.ClassicName, report.ClassicName);
        Assert.Equal("49.36.10.25", report.MappedAddress!.Address.ToString());
    }

    public static TheoryData<string> PresetNames => ["full-cone", "restricted-cone", "port-restricted-cone", "symmetric"];

    [Theory]
    [MemberData(nameof(PresetNames))]
    public void Discovery_names_the_classic_type_of_each_preset(string preset)
    {
        var behavior = NatBehavior.FromName(preset);
        var report = Discover(behavior);
        Assert.Equal(behavior.ClassicName, report.ClassicName);
        Assert.Contains($"NAT type:        {behavior.ClassicName} ({behavior.ShortName})", report.ToText());
    }

    [Fact]
    public void A_stateful_firewall_is_no_nat_but_filters()
    {
        var net = new Network(6);
        var stun = SimulatedStunServer.Add(net, "STUN server", "198.51.100.1", "198.51.100.2");
        var alice = net.AddNat("Firewall", NatBehavior.Firewall, "203.0.113.1", lan: "203.0.113.128/25").AddHost("Alice", "203.0.113.130");
        var report = Run(net, stun, alice, []);
        Assert.Equal(false, report.BehindNat);
        Assert.Equal(FilteringBehavior.AddressAndPortDependent, report.Filtering);
        Assert.Equal("no NAT, but a firewall with address-and-port-dependent filtering", report.ClassicName);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Hairpinning_test_sees_what_the_nat_does(bool hairpinning)
    {
        var report = Discover(NatBehavior.FullCone with { Hairpinning = hairpinning });
        Assert.Equal(hairpinning, report.Hairpinning);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(120)]
    [InlineData(200)]
    public void Lifetime_test_brackets_the_mapping_lifetime(int seconds)
    {
        var lifetime = TimeSpan.FromSeconds(seconds);
        var report = Discover(NatBehavior.PortRestrictedCone with { MappingLifetime = lifetime }, NatBehaviorDiscovery.DefaultLifetimeProbes);
        Assert.NotNull(report.MappingAliveAfter);
        Assert.NotNull(report.MappingGoneAfter);
        Assert.True(report.MappingAliveAfter < lifetime, $"alive after {report.MappingAliveAfter}, lifetime {lifetime}");
        Assert.True(report.MappingGoneAfter >= lifetime, $"gone after {report.MappingGoneAfter}, lifetime {lifetime}");
        Assert.Equal(TimeSpan.FromSeconds(10), report.MappingGoneAfter - report.MappingAliveAfter);
    }

    [Fact]
    public void Without_a_nat_the_report_says_so()
    {
        var net = new Network(3);
        var stun = SimulatedStunServer.Add(net, "STUN server", "198.51.100.1", "198.51.100.2");
        var alice = net.AddHost("Alice", "203.0.113.10");
        var report = Run(net, stun, alice, []);
        Assert.Equal(false, report.BehindNat);
        Assert.Equal("no NAT (open internet)", report.ClassicName);
    }

    [Fact]
    public void A_server_without_other_address_is_reported_not_guessed()
    {
        var net = new Network(4);
        var stun = SimulatedStunServer.Add(net, "STUN server", "198.51.100.1");
        var alice = net.AddNat("NAT", NatBehavior.FullCone, "49.36.10.25").AddHost("Alice", "192.168.1.10");
        var report = Run(net, stun, alice, []);
        Assert.Null(report.Mapping);
        Assert.Contains("OTHER-ADDRESS", report.Problem);
        Assert.StartsWith("unknown", report.ClassicName);
    }

    internal static NatBehaviorReport Discover(NatBehavior behavior, IEnumerable<TimeSpan>? lifetimeProbes = null)
    {
        var net = new Network(seed: 5780);
        var stun = SimulatedStunServer.Add(net, "STUN server", "198.51.100.1", "198.51.100.2");
        var alice = net.AddNat("Alice's router", behavior, "49.36.10.25").AddHost("Alice", "192.168.1.10");
        return Run(net, stun, alice, lifetimeProbes ?? []);
    }

    private static NatBehaviorReport Run(Network net, SimulatedStunServer stun, Host alice, IEnumerable<TimeSpan> lifetimeProbes)
    {
        Assert.Same(net, alice.Network);
        return StunSimulation.Discover(alice.Bind(5000), alice.Bind(5001), stun.Endpoint, lifetimeProbes);
    }
}
