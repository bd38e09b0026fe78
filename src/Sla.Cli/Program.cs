using NodaTime;
using Sla.Cli;

return SlaCommandLine.Run(args, CliConsole.System, SystemClock.Instance);
