using NatLearning.Simulation;

namespace NatLearning.Tests.Simulation;

public class SchedulerTests
{
    [Fact]
    public void Events_run_in_time_order_and_ties_in_the_order_scheduled()
    {
        var s = new Scheduler();
        var log = new List<string>();
        s.Schedule(TimeSpan.FromMilliseconds(2), () => log.Add("b"));
        s.Schedule(TimeSpan.FromMilliseconds(1), () => log.Add("a"));
        s.Schedule(TimeSpan.FromMilliseconds(2), () => log.Add("c"));
        Assert.Equal(3, s.RunUntilIdle());
        Assert.Equal(["a", "b", "c"], log);
        Assert.Equal(TimeSpan.FromMilliseconds(2), s.Now);
    }

    [Fact]
    public void Step_runs_one_event_and_run_for_stops_at_the_horizon()
    {
        var s = new Scheduler();
        var ran = 0;
        for (var i = 1; i <= 5; i++) s.Schedule(TimeSpan.FromSeconds(i), () => ran++);
        Assert.True(s.Step());
        Assert.Equal(1, ran);
        Assert.Equal(TimeSpan.FromSeconds(1), s.Now);
        Assert.Equal(2, s.RunFor(TimeSpan.FromSeconds(2.5)));
        Assert.Equal(TimeSpan.FromSeconds(3.5), s.Now);
        Assert.Equal(TimeSpan.FromSeconds(4), s.NextEventTime);
    }

    [Fact]
    public void The_clock_resolves_microseconds()
    {
        var s = new Scheduler();
        TimeSpan at = default;
        s.Schedule(TimeSpan.FromMicroseconds(1.5), () => at = s.Now);
        s.RunUntilIdle();
        Assert.Equal(15, at.Ticks);   // 100 ns ticks
    }

    [Fact]
    public void Background_timers_do_not_keep_run_until_idle_going()
    {
        var s = new Scheduler();
        var fired = false;
        s.AtInBackground(TimeSpan.FromSeconds(100), () => fired = true);
        s.Schedule(TimeSpan.FromSeconds(1), () => { });
        s.RunUntilIdle();
        Assert.False(fired);
        Assert.Equal(TimeSpan.FromSeconds(1), s.Now);
        s.RunUntil(TimeSpan.FromSeconds(100));
        Assert.True(fired);
    }

    [Fact]
    public void A_runaway_simulation_is_stopped_with_a_message()
    {
        var s = new Scheduler();
        void Again() => s.Schedule(TimeSpan.FromMilliseconds(1), Again);
        Again();
        Assert.Contains("without going idle", Assert.Throws<InvalidOperationException>(() => s.RunUntilIdle(maxEvents: 1000)).Message);
    }
    [Fact]
    public void A_cancelled_timer_neither_runs_nor_keeps_run_until_idle_going()
    {
        var s = new Scheduler();
        var log = new List<string>();
        var stale = s.AtCancellable(TimeSpan.FromMinutes(10), () => log.Add("stale"), background: false);
        s.Schedule(TimeSpan.FromSeconds(1), () => log.Add("packet"));
        Assert.Equal(2, s.PendingForeground);
        s.Cancel(stale);
        s.Cancel(stale);   // twice is harmless
        Assert.Equal(1, s.PendingForeground);
        Assert.Equal(1, s.RunUntilIdle());
        Assert.Equal(["packet"], log);
        Assert.Equal(TimeSpan.FromSeconds(1), s.Now);   // not dragged on to ten minutes
        Assert.Null(s.NextEventTime);
        Assert.False(s.Step());
    }

    [Fact]
    public void Run_until_stops_at_its_horizon_even_when_a_cancelled_timer_lies_before_it()
    {
        var s = new Scheduler();
        var log = new List<string>();
        s.Cancel(s.AtCancellable(TimeSpan.FromSeconds(1), () => log.Add("cancelled"), background: true));
        s.Schedule(TimeSpan.FromSeconds(3), () => log.Add("later"));
        Assert.Equal(0, s.RunUntil(TimeSpan.FromSeconds(2)));
        Assert.Empty(log);
        Assert.Equal(TimeSpan.FromSeconds(3), s.NextEventTime);
        Assert.True(s.Step());                          // one step is one event that runs, never a cancelled one
        Assert.Equal(["later"], log);
        var ran = s.AtCancellable(TimeSpan.FromSeconds(4), () => log.Add("ran"), background: false);
        s.RunUntilIdle();
        s.Cancel(ran);                                  // too late: it ran, and the foreground count stays right
        Assert.Equal(0, s.PendingForeground);
        Assert.Equal(["later", "ran"], log);
    }
}
