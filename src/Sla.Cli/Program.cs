using System.Globalization;
using NodaTime;
using Sla.Cli;

// Output is read by scripts as well as people: numbers and percentages look the same on every machine.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var console = new CliConsole(ClosedStandardInput.WasClosedAtStart() ? new ClosedStandardInput() : Console.OpenStandardInput(), new BufferedStream(Console.OpenStandardOutput(), 1 << 16), new QuietWriter(Console.Error),
    errorIsTerminal: !Console.IsErrorRedirected);
return SlaCommandLine.Run(args, console, WholeSecondClock.Instance);
