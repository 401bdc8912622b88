using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(NatLearning.Benchmarks.TwoNatThroughput).Assembly).Run(args);
