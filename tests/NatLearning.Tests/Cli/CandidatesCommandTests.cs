using NatLearning.Cli;

namespace NatLearning.Tests.Cli;

/// <summary>`natlearn candidates FILE|-`: the Trickle ICE page's table for the candidate lines of an SDP or a browser.</summary>
public class CandidatesCommandTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = NatLearnCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string WriteTemp(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"natlearn-candidates-{Guid.NewGuid():N}.sdp");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void An_sdp_gives_one_row_per_candidate_with_its_priority_split_and_what_it_means()
    {
        var path = WriteTemp("v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n" +
                             "a=candidate:3351850224 1 udp 2122194687 192.168.0.5 52793 typ host generation 0 ufrag +ScT network-id 1 network-cost 10\r\n" +
                             "a=candidate:842163049 1 udp 1677729535 203.0.113.7 61812 typ srflx raddr 0.0.0.0 rport 0 generation 0 ufrag +ScT network-cost 999\r\n");
        try
        {
            var (code, output, error) = Run("candidates", path);
            Assert.True(code == 0, error);
            Assert.Empty(error);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("#  type", lines[0]);
            Assert.Matches(@"^1\s+host\s+udp\s+192\.168\.0\.5\s+52793\s+2122194687 \(126 \| 32286 \| 1\)\s+generation=0 ufrag=\+ScT network-id=1 network-cost=10$", lines[1]);
            Assert.Contains("private, RFC 1918", lines[2]);
            Assert.Matches(@"^2\s+srflx\s+udp\s+203\.0\.113\.7\s+61812\s+1677729535 \(100 \| 30 \| 1\)\s+0\.0\.0\.0 0\s+generation=0", lines[3]);
            Assert.Contains("behind a NAT", lines[4]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_bad_line_is_named_with_its_number_and_the_good_ones_are_still_shown()
    {
        var path = WriteTemp("candidate:0 1 UDP 2122252543 192.168.1.2 54321 typ host\ncandidate:1 1 udp 2122252543 192.168.1.2 99999 typ host\n");
        try
        {
            var (code, output, error) = Run("candidates", path);
            Assert.Equal(1, code);
            Assert.Contains("192.168.1.2", output);
            Assert.Equal("natlearn: line 2: 'candidate:1 1 udp 2122252543 192.168.1.2 99999 typ host' is not a candidate line: port '99999' is not 0 to 65535.", error.Trim());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_file_without_candidates_or_a_missing_file_says_so()
    {
        var path = WriteTemp("v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n");
        try
        {
            var (code, _, error) = Run("candidates", path);
            Assert.Equal(1, code);
            Assert.Contains("holds no candidate line", error);
        }
        finally
        {
            File.Delete(path);
        }
        var missing = Run("candidates", "/nonexistent/offer.sdp");
        Assert.Equal(1, missing.Code);
        Assert.Equal("natlearn: /nonexistent/offer.sdp: no such file (give a file with an SDP or candidate lines, or - for standard input).", missing.Error.Trim());
    }
}
