using NatLearning.Interactive;
using NatLearning.Nat;
using NatLearning.Scenarios;

namespace NatLearning.Tests.Interactive;

/// <summary>The NAT table view highlights what changed since the same router's table was last shown.</summary>
public class NatTableChangesTests
{
    [Fact]
    public void Successive_tables_mark_created_then_hit_then_gone()
    {
        var tables = ScenarioCatalog.Get("nat-table").Run().Tables.Select(t => t.Table).ToList();
        Assert.Equal(3, tables.Count);
        // The first time a router's table is shown, nothing is marked.
        var first = NatTableHtml.Render(Renamed(tables[0]));
        Assert.DoesNotContain("<tr class=\"nat-", first);

        var refreshed = NatTableHtml.Render(Renamed(tables[1]));
        Assert.Contains("<tr class=\"nat-hit\">", refreshed);
        Assert.Contains("used again", refreshed);

        var afterExpiry = NatTableHtml.Render(Renamed(tables[2]));
        Assert.Contains("<tr class=\"nat-expired\">", afterExpiry);
        Assert.Contains("<td>gone</td>", afterExpiry);

        // Another mapping appearing later is marked new.
        var again = tables[1];
        var extra = again.Entries[0] with { InsideLocal = new System.Net.IPEndPoint(again.Entries[0].InsideLocal.Address, 6000) };
        var withNew = NatTableHtml.Render(new NatTable(Name, again.Behavior, tables[2].Time + TimeSpan.FromSeconds(1), [extra]));
        Assert.Contains("<tr class=\"nat-created\">", withNew);
    }

    [Fact]
    public void Two_runs_of_a_scenario_do_not_compare_with_each_other()
    {
        var a = ScenarioCatalog.Get("nat-table").Run().Tables[0].Table;
        var b = ScenarioCatalog.Get("nat-rule").Run().Tables[0].Table;
        Assert.Equal(a.Router, b.Router);   // both are "Alice's router", both read at t = 0.044 s
        Assert.True(b.Time >= a.Time);
        NatTableHtml.Render(a);
        var html = NatTableHtml.Render(b);
        Assert.DoesNotContain("<tr class=\"nat-", html);
    }

    private const string Name = "router for NatTableChangesTests";

    // A router name no other test shows, so the memory of earlier displays is this test's alone.
    private static NatTable Renamed(NatTable t) => new(Name, t.Behavior, t.Time, t.Entries);
}
