using BenchmarkDotNet.Running;

if (args.Contains("--flood"))
{
    NatLearning.Benchmarks.BindingFlood.Run();
    return;
}
if (args.Contains("--book"))
{
    NatLearning.Benchmarks.BookQuick.Run();
    return;
}
if (args.Contains("--quick"))
{
    NatLearning.Benchmarks.QuickMeasure.Run();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(NatLearning.Benchmarks.TwoNatThroughput).Assembly).Run(args);
