using System.Globalization;
using System.Text;
using NodaTime;
using Sla.Cli;

// Output is read by scripts as well as people: numbers and percentages look the same on every machine.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// Large buffers both ways: sla evaluate streams millions of lines, and the console's own writer flushes every line.
using var input = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8, false, 1 << 16);
using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
var exitCode = SlaCommandLine.Run(args, new CliConsole(input, output, Console.Error), SystemClock.Instance);
output.Flush();
return exitCode;
