using NatLearning.Cli;
using NatLearning.Tests.Stun;

namespace NatLearning.Tests.Cli;

public class StunCommandsTests
{
    [Fact]
    public async Task Stun_command_prints_the_mapped_address_rtt_and_dissection()
    {
        await using var server = await LoopbackStunServer.Start(alternate: false);
        var (code, output, error) = await Run("stun", server.Primary.ToString());
        Assert.True(code == 0, error);
        Assert.Matches(@"Mapped address: 127\.0\.0\.1:\d+", output);
        Assert.Matches(@"RTT:\s+\d+\.\d ms \(1 request\)", output);
        Assert.Contains("XOR-MAPPED-ADDRESS (0x0020)", output);
        Assert.Contains("FINGERPRINT (0x8028)", output);
        Assert.Contains("[correct]", output);
    }

    [Fact]
    public async Task Classify_command_reports_no_nat_on_loopback()
    {
        await using var server = await LoopbackStunServer.Start(alternate: true);
        var (code, output, error) = await Run("classify", server.Primary.ToString(), "--rto", "100");
        Assert.True(code == 0, error + output);
        Assert.Contains("NAT type:        no NAT (open internet)", output);
        Assert.Contains("Filtering test II", output);
    }

    [Fact]
    public async Task Stun_command_against_a_silent_port_says_so_in_one_line_and_fails()
    {
        await using var server = await LoopbackStunServer.Start(alternate: false);
        await server.DisposeAsync();   // the port is now free and silent
        var (code, _, error) = await Run("stun", server.Primary.ToString(), "--rto", "20", "--rc", "2", "--rm", "2");
        Assert.Equal(1, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"natlearn: no answer from {server.Primary} after 2 requests", line);
    }

    [Theory]
    [InlineData("stun", "nosuchhost.invalid:3478", "cannot resolve 'nosuchhost.invalid'")]
    [InlineData("stun", "127.0.0.1:99999", "port from 1 to 65535")]
    [InlineData("decode", "zz", "'z' at character 0 is not a hex digit")]
    [InlineData("decode", "000100", "(at byte 3)")]
    [InlineData("decode", "0001000421122442b7e7a701bc34d686fa87dfae", "magic cookie is 0x21122442")]
    public async Task Bad_input_gives_one_clear_line_and_a_nonzero_exit(string command, string argument, string expected)
    {
        var (code, _, error) = await Run(command, argument);
        Assert.NotEqual(0, code);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("   at ", error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Decode_checks_integrity_with_the_given_long_term_credential()
    {
        var hex = Convert.ToHexString(Rfc5769Vectors.LongTermRequest);
        var good = await Run("decode", "--long-term", $"{Rfc5769Vectors.LongTermUsername}:{Rfc5769Vectors.LongTermRealm}:{Rfc5769Vectors.LongTermPassword}", hex);
        Assert.Equal(0, good.Code);
        Assert.Contains("MESSAGE-INTEGRITY (0x0008), length 20, at byte 92", good.Output);
        Assert.Contains("[valid for the given credential]", good.Output);
        var bad = await Run("decode", "--long-term", "user:example.org:wrong", hex);
        Assert.Contains("[INVALID for the given credential]", bad.Output);
        var none = await Run("decode", hex);
        Assert.Contains("[not checked: no credential given]", none.Output);
    }

    [Fact]
    public async Task Decode_reads_a_binary_file_and_shows_xor_addresses_decoded()
    {
        var file = Path.Combine(Path.GetTempPath(), $"natlearn-{Guid.NewGuid():N}.bin");
        await File.WriteAllBytesAsync(file, Rfc5769Vectors.Ipv4Response, TestContext.Current.CancellationToken);
        try
        {
            var (code, output, _) = await Run("decode", "--password", Rfc5769Vectors.ShortTermPassword, file);
            Assert.Equal(0, code);
            Assert.Contains("XOR-MAPPED-ADDRESS (0x0020), length 8, at byte 36: 192.0.2.1:32853 (X-Port 0xa147, X-Address 0xe112a643)", output);
            Assert.Contains("Info: Binding Success Response XOR-MAPPED-ADDRESS: 192.0.2.1:32853", output);
            Assert.Contains("[valid for the given credential]", output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static Task<(int Code, string Output, string Error)> Run(params string[] args) => Task.Run(() =>
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = NatLearnCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    });
}
