using System.Globalization;
using NodaTime;
using Sla.Cli;

// Output is read by scripts as well as people: numbers and percentages look the same on every machine.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
return SlaCommandLine.Run(args, CliConsole.System, SystemClock.Instance);
