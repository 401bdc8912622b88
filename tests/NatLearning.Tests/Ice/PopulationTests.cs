using NatLearning.Ice;
using NatLearning.Lab;

namespace NatLearning.Tests.Ice;

public class PopulationTests
{
    [Fact]
    public void Every_session_of_a_population_ends_as_rfc_4787_predicts_and_the_shares_add_up()
    {
        var report = Population.Run(new PopulationOptions { Peers = 300, Seed = 11, Turn = false });
        Assert.Equal(150, report.Sessions);
        Assert.Equal(1.0, report.DirectShare + report.RelayedShare + report.FailedShare, 9);
        foreach (var ((natA, natB, result), n) in report.Outcomes)
        {
            var a = PeerNat.Parse(natA);
            var b = PeerNat.Parse(natB);
            var needsRelay = !a.EndpointIndependentMapping && b.AddressAndPortDependentFiltering || !b.EndpointIndependentMapping && a.AddressAndPortDependentFiltering;
            Assert.True((result == "failed") == needsRelay, $"{natA} × {natB}: {result} ×{n}");
        }
        Assert.True(report.Failed > 0 && report.Direct > 0);
        Assert.Equal(report.Failed * 4 * 1.0, report.RelayMbpsIfFailedWereRelayed);
    }

    [Fact]
    public void A_mix_of_one_type_gives_that_type_only_and_bad_mixes_are_refused()
    {
        var all = Population.Run(new PopulationOptions { Peers = 20, Turn = false, Mix = new Dictionary<string, double> { ["symmetric"] = 1 } });
        Assert.Equal(1.0, all.FailedShare);
        var relayed = Population.Run(new PopulationOptions { Peers = 20, Mix = new Dictionary<string, double> { ["symmetric"] = 1 } });
        Assert.Equal(1.0, relayed.RelayedShare);
        Assert.Equal(10 * 4 * 1.0, relayed.RelayMbps);
        Assert.True(relayed.DollarsPerHour(relayed.RelayMbps) > 0);
        Assert.Throws<ArgumentException>(() => Population.Run(new PopulationOptions { Mix = new Dictionary<string, double> { ["nat-of-doom"] = 1 } }));
        Assert.Throws<ArgumentException>(() => Population.Run(new PopulationOptions { Mix = new Dictionary<string, double> { ["none"] = 0 } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PopulationOptions { Peers = 1 });
    }

    [Fact]
    public void The_report_does_not_depend_on_how_many_sessions_run_at_once()
    {
        var one = Population.Run(new PopulationOptions { Peers = 120, Seed = 3, MaxDegreeOfParallelism = 1 });
        var many = Population.Run(new PopulationOptions { Peers = 120, Seed = 3, MaxDegreeOfParallelism = 4 });
        Assert.Equal((one.Direct, one.Relayed, one.Failed, one.Packets, one.MeanTimeToSelection), (many.Direct, many.Relayed, many.Failed, many.Packets, many.MeanTimeToSelection));
        Assert.Equal(one.Outcomes.OrderBy(k => k.Key).ToList(), many.Outcomes.OrderBy(k => k.Key).ToList());
    }

    [Fact]
    public void The_report_text_does_not_depend_on_the_order_the_threads_merged_their_tallies()
    {
        // Parallel sessions add their outcomes to the report's dictionary in whatever order the threads finish;
        // rows with equal counts must still be written in one order, or the same seed tells two stories.
        var run = Population.Run(new PopulationOptions { Peers = 120, Seed = 3, MaxDegreeOfParallelism = 1 });
        var rows = run.Outcomes.ToList();
        Assert.True(rows.GroupBy(r => r.Value).Any(g => g.Count() > 1), "the sample needs rows with equal counts");
        var forward = run with { Outcomes = rows.ToDictionary() };
        var backward = run with { Outcomes = Enumerable.Reverse(rows).ToDictionary() };
        Assert.Equal(forward.ToString(), backward.ToString());
    }
}
