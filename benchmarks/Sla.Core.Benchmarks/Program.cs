using BenchmarkDotNet.Running;
using Sla.Core.Benchmarks;

if (args is ["--generate-tickets", var count, var path])
{
    TicketFileGenerator.Write(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), path);
    return;
}
if (args.Contains("--memory"))
{
    MemoryReport.Print();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(CalendarArithmeticBenchmarks).Assembly).Run(args);
