using NatLearning.Protocols;
using NatLearning.Simulation;

namespace NatLearning.Tests.Simulation;

public class SimulatedDriverTests
{
    /// <summary>A machine that wants a timeout every second, a few times; its timeouts are background ones or not.</summary>
    private sealed class Ticker(int ticks, bool background) : IProtocolMachine
    {
        public List<TimeSpan> Fired { get; } = [];
        public TimeSpan? NextTimeout() => Fired.Count < ticks ? TimeSpan.FromSeconds(Fired.Count + 1) : null;
        public bool NextTimeoutIsBackground => background;
        public void HandleTimeout(TimeSpan now) => Fired.Add(now);
        public void HandleDatagram(TimeSpan now, Datagram datagram) { }
        public bool TryPollTransmit(out Datagram datagram)
        {
            datagram = default;
            return false;
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Background_timeouts_run_when_time_is_advanced_but_do_not_keep_run_until_idle_going(bool background)
    {
        var net = new Network();
        var ticker = new Ticker(3, background);
        _ = new SimulatedDriver(ticker, net.AddHost("H", "203.0.113.5").Bind(1000));
        net.RunUntilIdle();
        Assert.Equal(background ? 0 : 3, ticker.Fired.Count);
        net.RunFor(TimeSpan.FromSeconds(10));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)], ticker.Fired);
    }
}
