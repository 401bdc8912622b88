using System.Net;
using NatLearning.Addressing;

namespace NatLearning.Tests.Packets;

public class AddressTests
{
    [Theory]
    [InlineData("10.1.2.3", AddressKind.Private)]
    [InlineData("172.16.0.1", AddressKind.Private)]
    [InlineData("172.31.255.254", AddressKind.Private)]
    [InlineData("172.32.0.1", AddressKind.Public)]
    [InlineData("192.168.1.10", AddressKind.Private)]
    [InlineData("100.64.0.1", AddressKind.SharedCgn)]
    [InlineData("100.127.255.254", AddressKind.SharedCgn)]
    [InlineData("100.128.0.1", AddressKind.Public)]
    [InlineData("49.36.10.25", AddressKind.Public)]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("203.0.113.66", AddressKind.Documentation)]
    public void Ranges_are_recognised(string address, AddressKind kind) =>
        Assert.Equal(kind, Ipv4.Classify(IPAddress.Parse(address)));

    [Fact]
    public void Ranges_are_named()
    {
        Assert.Equal("RFC 1918 private range 192.168.0.0/16", Ipv4.Describe(IPAddress.Parse("192.168.1.10")).RangeName);
        Assert.Contains("RFC 6598", Ipv4.Describe(IPAddress.Parse("100.64.0.1")).RangeName);
    }

    [Theory]
    [InlineData("49.36.10.25:620000")]
    [InlineData("49.36.10.25")]
    [InlineData("300.1.1.1:5")]
    public void Endpoints_outside_the_16_bit_port_range_or_malformed_are_refused(string text) =>
        Assert.Throws<FormatException>(() => Ipv4.ParseEndpoint(text));

    [Fact]
    public void Prefixes_parse_and_contain()
    {
        var r = AddressRange.Parse("192.168.1.0/24");
        Assert.True(r.Contains(IPAddress.Parse("192.168.1.200")));
        Assert.False(r.Contains(IPAddress.Parse("192.168.2.1")));
        Assert.Contains("not an IPv4 prefix", Assert.Throws<FormatException>(() => AddressRange.Parse("192.168.1.0/33")).Message);
    }
}
