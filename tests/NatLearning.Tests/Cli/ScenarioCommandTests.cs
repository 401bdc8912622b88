using NatLearning.Cli;

namespace NatLearning.Tests.Cli;

public class ScenarioCommandTests
{
    /// <summary>Runs natlearn in this process: exit code, standard output and standard error.</summary>
    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = NatLearnCommand.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Nat_rule_prints_the_packet_list_with_the_dropped_packet_and_writes_files()
    {
        var dir = Directory.CreateTempSubdirectory("natlearn-cli").FullName;
        try
        {
            var pcap = Path.Combine(dir, "x.pcap");
            var mmd = Path.Combine(dir, "x.mmd");
            var (code, output, err) = Run("scenario", "nat-rule", "--pcap", pcap, "--mermaid", mmd);
            Assert.True(code == 0, err);
            Assert.Contains("No.  Time", output);
            Assert.Contains("✗ DROPPED at Alice's router [FilteredByAddress]", output);
            Assert.Contains("NAT table of Alice's router", output);
            Assert.True(new FileInfo(pcap).Length > 24);
            Assert.StartsWith("sequenceDiagram", File.ReadAllText(mmd));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void An_unknown_scenario_gives_one_error_line_with_the_valid_names()
    {
        var (code, output, err) = Run("scenario", "bogus");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        var line = Assert.Single(err.Trim().Split('\n'));
        Assert.StartsWith("natlearn: Unknown scenario 'bogus'. Valid: ", line);
        foreach (var name in NatLearning.Scenarios.ScenarioCatalog.Names) Assert.Contains(name, line);
        Assert.EndsWith(" See 'natlearn scenario --help'.", line);
    }

    [Fact]
    public void A_bad_option_value_is_one_line_and_exit_2()
    {
        var (code, _, err) = Run("scenario", "direct", "--seed", "many");
        Assert.Equal(2, code);
        Assert.Contains("many", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void A_pcap_path_in_a_missing_folder_fails_with_one_line_and_writes_nothing()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"nope-{Guid.NewGuid():N}", "x.pcap");
        var (code, _, err) = Run("scenario", "direct", "--pcap", missing);
        Assert.Equal(1, code);
        Assert.StartsWith("natlearn: Cannot write", err);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public void Ice_with_consent_goes_on_after_the_choice()
    {
        var (code, output, err) = Run("scenario", "ice", "--consent");
        Assert.Equal(0, code);
        Assert.Equal("", err);
        Assert.Contains("Keep: for 3 minutes", output);
        Assert.Contains("consent lost", output);
        Assert.DoesNotContain("Keep:", Run("scenario", "ice").Out);
    }

    [Fact]
    public void Help_lists_the_scenarios()
    {
        var (code, output, _) = Run("scenario", "--help");
        Assert.Equal(0, code);
        foreach (var name in NatLearning.Scenarios.ScenarioCatalog.Names) Assert.Contains(name, output);
    }

    [Fact]
    public void Ice_with_aggressive_nomination_says_so_and_chooses_sooner_than_regular_on_the_same_seed()
    {
        static int ChosenAfterMs(string output) =>
            int.Parse(System.Text.RegularExpressions.Regex.Match(output, @"Choose: .* after (\d+) ms").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var aggressive = Run("scenario", "ice", "--nomination", "aggressive");
        var regular = Run("scenario", "ice");
        Assert.Equal(0, aggressive.Code);
        Assert.Contains("every check she sends carries USE-CANDIDATE", aggressive.Out);
        Assert.DoesNotContain("USE-CANDIDATE, so the first pair", regular.Out);
        Assert.True(ChosenAfterMs(aggressive.Out) < ChosenAfterMs(regular.Out), aggressive.Out + regular.Out);
        var bad = Run("scenario", "ice", "--nomination", "eager");
        Assert.Equal(2, bad.Code);
        Assert.Contains("Unknown nomination 'eager' for --nomination. Valid: regular, aggressive.", bad.Err);
    }
}
