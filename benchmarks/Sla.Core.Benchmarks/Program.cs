using BenchmarkDotNet.Running;
using Sla.Core.Benchmarks;

if (args is ["--generate-tickets", var count, var path])
{
    TicketFileGenerator.Write(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), path);
    return;
}
if (args is ["--generate-sample-tickets", var sampleCount, var samplePath])
{
    SampleTicketGenerator.Write(int.Parse(sampleCount, System.Globalization.CultureInfo.InvariantCulture), samplePath);
    return;
}
if (args is ["--generate-outages", var outageCount, var outagePath])
{
    TicketFileGenerator.WriteOutages(int.Parse(outageCount, System.Globalization.CultureInfo.InvariantCulture), outagePath);
    return;
}
if (args is ["--throughput", .. var rest])
{
    Environment.ExitCode = ThroughputRun.Run(rest is [var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
    return;
}
if (args is ["--parts", .. var partsRest])
{
    Environment.ExitCode = PartsRun.Run(partsRest is [var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 200_000);
    return;
}
if (args is ["--startup", .. var native])
{
    Environment.ExitCode = StartupRun.Run(native is [var nativeTool] ? nativeTool : null);
    return;
}
if (args.Contains("--memory"))
{
    MemoryReport.Print();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(CalendarArithmeticBenchmarks).Assembly).Run(args);
