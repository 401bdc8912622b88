using System.Security.Cryptography;
using System.Text;
using NatLearning.Scenarios;
using NatLearning.Tracing;

namespace NatLearning.Tests.Architecture;

/// <summary>
/// Every scenario's pcap and printed text, as SHA-256, against the figures recorded before the layering redesign (#18):
/// moving code between layers must not change one byte of what a seed produces.
/// To re-record after an intended change: NATLEARN_RECORD_GOLDEN=1 dotnet test --filter ScenarioGoldenTests.
/// </summary>
public sealed class ScenarioGoldenTests
{
    private static readonly string GoldenPath = Path.Combine(RepoPaths.Root, "tests", "NatLearning.Tests", "Architecture", "scenario-golden.txt");

    public static IEnumerable<TheoryDataRow<string>> Cases() => AllCases().Select(c => new TheoryDataRow<string>(c.Key));

    private static IEnumerable<(string Key, string Name, ScenarioOptions Options)> AllCases()
    {
        foreach (var seed in new long[] { 1, 7 })
        {
            foreach (var s in ScenarioCatalog.All)
            {
                if (s.Name == "population")
                {
                    yield return ($"population peers=200 seed={seed}", s.Name, new ScenarioOptions { Seed = seed, Peers = 200 });
                    continue;
                }
                yield return ($"{s.Name} seed={seed}", s.Name, new ScenarioOptions { Seed = seed });
            }
            foreach (var (a, b) in new[] { ("symmetric", "port-restricted-cone"), ("full-cone", "symmetric"), ("cgn", "cgn"), ("udp-blocked", "none"), ("cheap-home-router", "symmetric") })
            {
                if (a != "cgn" && a != "udp-blocked")
                    yield return ($"hole-punch {a}/{b} seed={seed}", "hole-punch", new ScenarioOptions { Seed = seed, NatA = a, NatB = b });
                yield return ($"ice {a}/{b} seed={seed}", "ice", new ScenarioOptions { Seed = seed, NatA = a, NatB = b });
                yield return ($"ice --turn {a}/{b} seed={seed}", "ice", new ScenarioOptions { Seed = seed, NatA = a, NatB = b, Turn = true });
            }
            yield return ($"ice --turn seed={seed}", "ice", new ScenarioOptions { Seed = seed, Turn = true });
            yield return ($"ice --consent seed={seed}", "ice", new ScenarioOptions { Seed = seed, Consent = true });
        }
    }

    private static string Fingerprint(string name, ScenarioOptions options)
    {
        var result = ScenarioCatalog.Get(name).Run(options);
        var pcap = Convert.ToHexStringLower(SHA256.HashData(Pcap.Write(result.Trace)));
        var text = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(result.ToText())));
        return $"pcap {pcap} text {text} packets {result.Trace.Events.Count}";
    }

    private static Dictionary<string, string> ReadGolden() =>
        File.ReadAllLines(GoldenPath)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(" | ", 2))
            .ToDictionary(p => p[0], p => p[1]);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Scenario_bytes_are_unchanged_for_the_same_seed(string key)
    {
        var c = AllCases().Single(x => x.Key == key);
        var actual = Fingerprint(c.Name, c.Options);
        var golden = ReadGolden();
        Assert.True(golden.TryGetValue(key, out var expected), $"no golden figure for '{key}' in {GoldenPath}");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Golden_file_lists_every_case_and_nothing_else()
    {
        if (Environment.GetEnvironmentVariable("NATLEARN_RECORD_GOLDEN") == "1")
        {
            var lines = new List<string> { "# scenario | SHA-256 of its pcap and of its printed text, recorded by ScenarioGoldenTests" };
            lines.AddRange(AllCases().Select(c => $"{c.Key} | {Fingerprint(c.Name, c.Options)}"));
            File.WriteAllLines(GoldenPath, lines);
        }
        Assert.Equal(AllCases().Select(c => c.Key).Order(), ReadGolden().Keys.Order());
    }
}
