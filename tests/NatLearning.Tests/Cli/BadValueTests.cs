using System.CommandLine;
using System.Net;
using NatLearning.Cli;

namespace NatLearning.Tests.Cli;

/// <summary>Every bad value on the command line is one line naming the option and a non-zero exit, never a stack trace.</summary>
public class BadValueTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => ScenarioCommandTests.Run(args);

    [Theory]
    [InlineData("natlearn: --peers needs a whole number (2 to 1000000), not 'abc'. See 'natlearn scenario --help'.", "scenario", "population", "--peers", "abc")]
    [InlineData("natlearn: --peers must be 2 to 1000000, not 999999999999. See 'natlearn scenario --help'.", "scenario", "population", "--peers", "999999999999")]
    [InlineData("natlearn: --peers must be 2 to 1000000, not 1. See 'natlearn scenario --help'.", "scenario", "population", "--peers", "1")]
    [InlineData("natlearn: --seed must be -9223372036854775808 to 9223372036854775807, not 99999999999999999999. See 'natlearn scenario --help'.", "scenario", "direct", "--seed", "99999999999999999999")]
    [InlineData("natlearn: --cell-timeout needs a whole number (1 to 86400), not 'abc'. See 'natlearn book --help'.", "book", "--cell-timeout", "abc")]
    [InlineData("natlearn: --relays needs a whole number (1 to 1000), not 'abc'. See 'natlearn serve turn --help'.", "serve", "turn", "--listen", "127.0.0.1:0", "--realm", "r", "--user", "a:b", "--relays", "abc")]
    [InlineData("natlearn: --relay-ip: '1.2.3' is not an IPv4 address like 192.168.1.10. See 'natlearn serve turn --help'.", "serve", "turn", "--listen", "127.0.0.1:0", "--realm", "r", "--user", "a:b", "--relay-ip", "1.2.3")]
    [InlineData("natlearn: --rto needs a whole number (at least 1), not 'soon'. See 'natlearn stun --help'.", "stun", "127.0.0.1:3478", "--rto", "soon")]
    [InlineData("natlearn: --timeout must be more than 0 and at most 3600, not -1. See 'natlearn turn --help'.", "turn", "127.0.0.1", "--user", "a:b", "--peer", "127.0.0.1:9", "--timeout", "-1")]
    [InlineData("natlearn: --alternate: 'x' is not an IPv4 endpoint like 192.168.1.10:5000 (port 0 to 65535). See 'natlearn serve stun --help'.", "serve", "stun", "--listen", "127.0.0.1:3478", "--alternate", "x")]
    public void A_bad_value_is_one_line_naming_the_option_and_its_command_and_exit_2(string expected, params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal(expected, error.TrimEnd('\n', '\r'));
    }

    [Fact]
    public void A_relay_ip_this_machine_does_not_have_is_reported_as_the_relay_ip_not_the_listen_address()
    {
        // 192.0.2.1 is a documentation address (RFC 5737): no interface here has it, so no socket can bind to it.
        var (code, _, error) = Run("serve", "turn", "--listen", "127.0.0.1:0", "--realm", "r", "--user", "a:b", "--relay-ip", "192.0.2.1");
        Assert.Equal(1, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("natlearn: --relay-ip 192.0.2.1: cannot open ", line);
        Assert.DoesNotContain("cannot listen", line);
    }

    /// <summary>Every option of every command that takes a number or an address, found by walking the command tree, so an option added later is checked too.</summary>
    public static TheoryData<string, string> TypedOptions()
    {
        var data = new TheoryData<string, string>();
        void Walk(Command c, string path)
        {
            foreach (var o in c.Options.Where(o => o.ValueType is var t && (t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(IPAddress) || t == typeof(IPEndPoint))))
                data.Add(path, o.Name);
            foreach (var s in c.Subcommands) Walk(s, (path + " " + s.Name).Trim());
        }
        Walk(NatLearnCommand.Build(), "");
        return data;
    }

    [Theory]
    [MemberData(nameof(TypedOptions))]
    public void Every_number_or_address_option_rejects_garbage_and_huge_values_in_a_line_naming_it(string command, string option)
    {
        foreach (var bad in new[] { "abc", "99999999999999999999999", "1e999" })
        {
            var (code, _, error) = Run([.. command.Split(' '), option, bad]);
            Assert.NotEqual(0, code);
            Assert.DoesNotContain("   at ", error);
            Assert.Contains(error.Split('\n'), line => line.StartsWith($"natlearn: {option}", StringComparison.Ordinal) && line.Contains(bad, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_walk_finds_the_options_it_should()
    {
        var found = TypedOptions().Select(row => $"{row.Data.Item1} {row.Data.Item2}").ToList();
        Assert.Contains("scenario --peers", found);
        Assert.Contains("book --cell-timeout", found);
        Assert.Contains("serve turn --relay-ip", found);
        Assert.Contains("serve stun --listen", found);
        Assert.Contains("turn --timeout", found);
    }
}
