using BenchmarkDotNet.Running;
using Sla.Core.Benchmarks;

if (args.Contains("--memory"))
{
    MemoryReport.Print();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(CalendarArithmeticBenchmarks).Assembly).Run(args);
