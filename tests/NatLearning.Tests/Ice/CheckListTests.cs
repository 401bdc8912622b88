using System.Net;
using NatLearning.Ice;

namespace NatLearning.Tests.Ice;

public class CheckListTests
{
    private static Candidate Host(string ip, int port, string foundation) =>
        new(CandidateType.Host, new IPEndPoint(IPAddress.Parse(ip), port), new IPEndPoint(IPAddress.Parse(ip), port), foundation);

    private static Candidate Srflx(string ip, int port, Candidate baseCandidate, string foundation) =>
        new(CandidateType.ServerReflexive, new IPEndPoint(IPAddress.Parse(ip), port), baseCandidate.Base, foundation, relatedAddress: baseCandidate.Base);

    [Fact]
    public void Server_reflexive_local_candidates_are_replaced_by_their_base_and_pairs_are_ordered()
    {
        var host = Host("192.168.1.10", 5000, "1");
        var srflx = Srflx("49.36.10.25", 62000, host, "2");
        var rHost = Host("192.168.0.25", 7000, "1");
        var rSrflx = Srflx("88.20.15.90", 54000, rHost, "2");
        var list = new CheckList();
        list.Form([srflx, host], [rHost, rSrflx], IceRole.Controlling);
        Assert.Equal(2, list.Pairs.Count);
        Assert.All(list.Pairs, p => Assert.Equal(CandidateType.Host, p.Local.Type));
        Assert.True(list.Pairs[0].Priority > list.Pairs[1].Priority);
        Assert.Equal(rHost, list.Pairs[0].Remote);
    }

    [Fact]
    public void Initially_one_pair_per_foundation_is_waiting_and_the_rest_frozen()
    {
        var host = Host("10.0.0.1", 5000, "1");
        // Two remote candidates with one foundation, one with another.
        var r1 = Host("10.0.0.2", 7000, "1");
        var r2 = new Candidate(CandidateType.Host, new IPEndPoint(IPAddress.Parse("10.0.0.2"), 7001), new IPEndPoint(IPAddress.Parse("10.0.0.2"), 7001), "1", localPreference: 100);
        var r3 = Host("10.0.0.3", 7000, "9");
        var list = new CheckList();
        list.Form([host], [r1, r2, r3], IceRole.Controlling);
        Assert.All(list.Pairs, p => Assert.Equal(CandidatePairState.Frozen, p.State));
        list.Unfreeze();
        var same = list.Pairs.Where(p => p.Foundation == "1:1").ToList();
        Assert.Equal(2, same.Count);
        Assert.Equal(CandidatePairState.Waiting, same.MaxBy(p => p.Priority)!.State);
        Assert.Equal(CandidatePairState.Frozen, same.MinBy(p => p.Priority)!.State);
        Assert.Equal(CandidatePairState.Waiting, list.Pairs.Single(p => p.Foundation == "1:9").State);
    }

    [Fact]
    public void Next_check_takes_triggered_first_then_waiting_then_unfreezes()
    {
        var host = Host("10.0.0.1", 5000, "1");
        var r1 = Host("10.0.0.2", 7000, "1");
        var r2 = new Candidate(CandidateType.Host, new IPEndPoint(IPAddress.Parse("10.0.0.2"), 7001), new IPEndPoint(IPAddress.Parse("10.0.0.2"), 7001), "1", localPreference: 100);
        var list = new CheckList();
        list.Form([host], [r1, r2], IceRole.Controlled);
        list.Unfreeze();
        var high = list.Pairs[0];
        var low = list.Pairs[1];
        Assert.Equal(CandidatePairState.Frozen, low.State);
        list.Trigger(low);
        Assert.Same(low, list.NextCheck());          // triggered beats a Waiting pair of higher priority
        low.State = CandidatePairState.InProgress;
        Assert.Same(high, list.NextCheck());
        high.State = CandidatePairState.InProgress;
        Assert.Null(list.NextCheck());
        Assert.False(list.HasCheckToSend);
        high.State = CandidatePairState.Failed;
        low.State = CandidatePairState.Frozen;
        Assert.True(list.HasCheckToSend);            // nothing Waiting or In-Progress in its foundation: unfreeze
        Assert.Same(low, list.NextCheck());
        Assert.Equal(CandidatePairState.Waiting, low.State);
    }

    [Fact]
    public void Success_unfreezes_the_foundation_and_role_change_reorders()
    {
        var host = Host("10.0.0.1", 5000, "1");
        var r1 = Host("10.0.0.2", 7000, "1");
        var r2 = new Candidate(CandidateType.Host, new IPEndPoint(IPAddress.Parse("10.0.0.2"), 7001), new IPEndPoint(IPAddress.Parse("10.0.0.2"), 7001), "1", localPreference: 100);
        var list = new CheckList();
        list.Form([host], [r1, r2], IceRole.Controlling);
        list.Unfreeze();
        list.UnfreezeFoundation("1:1");
        Assert.All(list.Pairs, p => Assert.Equal(CandidatePairState.Waiting, p.State));
        var before = list.Pairs.Select(p => p.Priority).ToList();
        list.ChangeRole(IceRole.Controlled);
        var after = list.Pairs.Select(p => p.Priority).ToList();
        Assert.NotEqual(before, after);
        Assert.All(list.Pairs, p => Assert.Equal(CandidatePair.ComputePriority(p.Remote.Priority, p.Local.Priority), p.Priority));
    }
}
