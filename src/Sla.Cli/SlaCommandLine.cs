using System.CommandLine;
using NodaTime;
using NodaTime.Text;
using Sla.Cli.Calc;
using Sla.Cli.Calendars;
using Sla.Cli.Compliance;
using Sla.Cli.Policies;
using Sla.Cli.Reports;
using Sla.Core.Policies;
using Sla.Core.Text;

namespace Sla.Cli;

/// <summary>The <c>sla</c> command tree.</summary>
internal static class SlaCommandLine
{
    /// <summary>Parses and runs a command line against the given streams.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="console">Standard input, output and error.</param>
    /// <param name="clock">The clock for defaults such as "today"; only the command line reads it.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, CliConsole console, IClock clock)
    {
        var root = Build(console, clock);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                console.Error.WriteLine(error.Message);
            }
            console.Error.WriteLine("Run 'sla --help' for usage.");
            return ExitCodes.Invalid;
        }
        var exitCode = parsed.Invoke(new System.CommandLine.InvocationConfiguration { Output = console.Out, Error = console.Error });
        console.Flush();
        return exitCode;
    }

    private static RootCommand Build(CliConsole console, IClock clock)
    {
        var root = new RootCommand("sla: service-level agreement deadlines, business-time arithmetic and calendar checks.");
        root.Subcommands.Add(Calc(console));
        var calendar = new Command("calendar", "Work with calendar documents.");
        calendar.Subcommands.Add(CalendarCheck(console, clock));
        root.Subcommands.Add(calendar);
        var policy = new Command("policy", "Work with policy documents.");
        policy.Subcommands.Add(PolicyCheck(console));
        root.Subcommands.Add(policy);
        root.Subcommands.Add(Deadline(console));
        root.Subcommands.Add(Evaluate(console, clock));
        root.Subcommands.Add(Report(console, clock));
        root.Subcommands.Add(Availability(console));
        root.Subcommands.Add(Recommend(console, clock));
        root.Subcommands.Add(Compare(console, clock));
        return root;
    }

    private static Command Calc(CliConsole console)
    {
        var calendarOption = new Option<string>("--calendar")
        {
            Description = "A calendar document, a policy document, or 24x7 for the 24/7 calendar.",
            Required = true,
        };
        var idOption = new Option<string?>("--id") { Description = "The calendar to use when the file holds several." };
        var command = new Command("calc", "Batch calendar arithmetic: JSON Lines requests on standard input, one response line each on standard output.")
        {
            calendarOption,
            idOption,
        };
        command.SetAction(result =>
        {
            var calendar = CalendarSource.Load(result.GetValue(calendarOption)!, result.GetValue(idOption), console);
            return calendar is null ? ExitCodes.Invalid : CalcCommand.Run(calendar, console);
        });
        return command;
    }

    private static Command CalendarCheck(CliConsole console, IClock clock)
    {
        var fileArgument = new Argument<string>("FILE") { Description = "The calendar document (or policy document) to check." };
        var idOption = new Option<string?>("--id") { Description = "The calendar to check when the file holds several." };
        var fromOption = new Option<string?>("--from") { Description = "List closed days from this date (yyyy-MM-dd); default today in the calendar's zone." };
        var command = new Command("check", "Validate a calendar and summarise it: zone, weekly hours, the next closed days.")
        {
            fileArgument,
            idOption,
            fromOption,
        };
        command.SetAction(result =>
        {
            var calendar = CalendarSource.Load(result.GetValue(fileArgument)!, result.GetValue(idOption), console);
            if (calendar is null)
            {
                return ExitCodes.Invalid;
            }
            var fromText = result.GetValue(fromOption);
            LocalDate from;
            if (fromText is null)
            {
                from = clock.GetCurrentInstant().InZone(calendar.Zone).Date;
            }
            else if (LocalDatePattern.Iso.Parse(fromText) is { Success: true } parsed)
            {
                from = parsed.Value;
            }
            else
            {
                console.Error.WriteLine($"--from: '{fromText}' is not a date: write yyyy-MM-dd.");
                return ExitCodes.Invalid;
            }
            return CalendarCheckCommand.Run(calendar, from, console);
        });
        return command;
    }

    private static Command PolicyCheck(CliConsole console)
    {
        var fileArgument = new Argument<string>("FILE") { Description = "The policy document to check." };
        var command = new Command("check", "Validate a policy and summarise it: versions, and services x priorities x targets.") { fileArgument };
        command.SetAction(result => PolicySource.Load(result.GetValue(fileArgument)!, console) is { } policy
            ? PolicyCheckCommand.Run(policy, console)
            : ExitCodes.Invalid);
        return command;
    }

    private static Command Deadline(CliConsole console)
    {
        var policyOption = new Option<string>("--policy") { Description = "The policy document.", Required = true };
        var serviceOption = new Option<string>("--service") { Description = "The service id.", Required = true };
        var priorityOption = new Option<string>("--priority") { Description = "The priority.", Required = true };
        var createdOption = new Option<string>("--created") { Description = "When the ticket was created (ISO-8601 with Z or an offset).", Required = true };
        var jsonOption = new Option<bool>("--json") { Description = "Write one JSON object instead of a table." };
        var command = new Command("deadline", "Every metric's deadline for a new ticket.")
        {
            policyOption, serviceOption, priorityOption, createdOption, jsonOption,
        };
        command.SetAction(result =>
        {
            var createdText = result.GetValue(createdOption)!;
            if (!InstantText.TryParse(createdText, out var created))
            {
                console.Error.WriteLine($"--created: {InstantText.Problem(createdText)}");
                return ExitCodes.Invalid;
            }
            return PolicySource.Load(result.GetValue(policyOption)!, console) is { } policy
                ? DeadlineCommand.Run(policy, result.GetValue(serviceOption)!, result.GetValue(priorityOption)!, created, result.GetValue(jsonOption), console)
                : ExitCodes.Invalid;
        });
        return command;
    }

    private static Command Evaluate(CliConsole console, IClock clock)
    {
        var policyOption = new Option<string>("--policy") { Description = "The policy document.", Required = true };
        var ticketsOption = new Option<string>("--tickets") { Description = "Tickets as JSON Lines, or - for standard input.", Required = true };
        var atOption = new Option<string?>("--at") { Description = "Evaluate as of this instant (default: now, read once)." };
        var formatOption = new Option<EvaluationFormat>("--format") { Description = "jsonl (default), table or csv.", DefaultValueFactory = _ => EvaluationFormat.Jsonl };
        var explainOption = new Option<bool>("--explain") { Description = "Add each result's segments: counted, outside hours (naming the holiday), paused (naming the status)." };
        var parallelOption = new Option<bool>("--parallel") { Description = "Evaluate on every core (output order is kept)." };
        var command = new Command("evaluate", "Evaluate tickets against a policy: one result line per ticket, in input order.")
        {
            policyOption, ticketsOption, atOption, formatOption, explainOption, parallelOption,
        };
        command.SetAction(result =>
        {
            var atText = result.GetValue(atOption);
            Instant now;
            if (atText is null)
            {
                now = clock.GetCurrentInstant();
            }
            else if (!InstantText.TryParse(atText, out now))
            {
                console.Error.WriteLine($"--at: {InstantText.Problem(atText)}");
                return ExitCodes.Invalid;
            }
            if (PolicySource.Load(result.GetValue(policyOption)!, console) is not { } policy)
            {
                return ExitCodes.Invalid;
            }
            if (CliFiles.OpenRead(result.GetValue(ticketsOption)!, console) is not { } input)
            {
                return ExitCodes.Invalid;
            }
            using (input == console.InputStream ? null : input)
            {
                return EvaluateCommand.Run(policy, input, now, result.GetValue(formatOption), result.GetValue(explainOption), result.GetValue(parallelOption), console);
            }
        });
        return command;
    }

    private const string SamplePolicy = "samples/policy.json";

    private static Command Report(CliConsole console, IClock clock)
    {
        var policyOption = new Option<string>("--policy") { Description = "The policy document (default: the bundled sample).", DefaultValueFactory = _ => SamplePolicy };
        var ticketsOption = new Option<string>("--tickets") { Description = "Tickets as JSON Lines, or - (default: the bundled sample).", DefaultValueFactory = _ => "samples/tickets.jsonl" };
        var atOption = new Option<string?>("--at") { Description = "Evaluate as of this instant (default: now)." };
        var fromOption = new Option<string?>("--from") { Description = "Only results judged at or after this instant." };
        var toOption = new Option<string?>("--to") { Description = "Only results judged before this instant." };
        var periodOption = new Option<ReportingPeriod>("--period") { Description = "week, month (default) or quarter.", DefaultValueFactory = _ => ReportingPeriod.Month };
        var formatOption = new Option<ReportFormat>("--format") { Description = "table (default), json, csv or html.", DefaultValueFactory = _ => ReportFormat.Table };
        var command = new Command("report", "Compliance per service, priority, metric and period; objectives; credits owed. With no files, runs on the bundled sample.")
        {
            policyOption, ticketsOption, atOption, fromOption, toOption, periodOption, formatOption,
        };
        command.SetAction(result =>
        {
            if (!Instants(console, out var at, (atOption, result.GetValue(atOption)), out var from, (fromOption, result.GetValue(fromOption)), out var to, (toOption, result.GetValue(toOption))))
            {
                return ExitCodes.Invalid;
            }
            if (PolicySource.Load(result.GetValue(policyOption)!, console) is not { } policy || CliFiles.OpenRead(result.GetValue(ticketsOption)!, console) is not { } tickets)
            {
                return ExitCodes.Invalid;
            }
            using (tickets == console.InputStream ? null : tickets)
            {
                return ReportCommand.Run(policy, tickets, at ?? clock.GetCurrentInstant(), result.GetValue(periodOption), from, to, result.GetValue(formatOption), console);
            }
        });
        return command;
    }

    private static Command Availability(CliConsole console)
    {
        var policyOption = new Option<string>("--policy") { Description = "The policy document (default: the bundled sample).", DefaultValueFactory = _ => SamplePolicy };
        var outagesOption = new Option<string>("--outages") { Description = "Outages as JSON Lines, or - (default: the bundled sample).", DefaultValueFactory = _ => "samples/outages.jsonl" };
        var fromOption = new Option<string?>("--from") { Description = "The start of the range (default: the first outage's start)." };
        var toOption = new Option<string?>("--to") { Description = "The end of the range (default: the last outage's end)." };
        var formatOption = new Option<ReportFormat>("--format") { Description = "table (default), json or csv.", DefaultValueFactory = _ => ReportFormat.Table };
        var command = new Command("availability", "Uptime per service and period against the policy's availability objectives, with credits.")
        {
            policyOption, outagesOption, fromOption, toOption, formatOption,
        };
        command.SetAction(result =>
        {
            if (!Instants(console, out var from, (fromOption, result.GetValue(fromOption)), out var to, (toOption, result.GetValue(toOption)), out _, (null, null)))
            {
                return ExitCodes.Invalid;
            }
            if (PolicySource.Load(result.GetValue(policyOption)!, console) is not { } policy || CliFiles.OpenRead(result.GetValue(outagesOption)!, console) is not { } outages)
            {
                return ExitCodes.Invalid;
            }
            using var reader = outages == console.InputStream ? console.In : new StreamReader(outages);
            return AvailabilityCommand.Run(policy, reader, from, to, result.GetValue(formatOption), console);
        });
        return command;
    }

    /// <summary>Parses up to three optional instant options, reporting each malformed one.</summary>
    private static bool Instants(CliConsole console,
        out Instant? first, (Option? Option, string? Text) a,
        out Instant? second, (Option? Option, string? Text) b,
        out Instant? third, (Option? Option, string? Text) c)
    {
        var ok = true;
        Instant? Parse((Option? Option, string? Text) item)
        {
            if (item.Text is null)
            {
                return null;
            }
            if (InstantText.TryParse(item.Text, out var instant))
            {
                return instant;
            }
            console.Error.WriteLine($"{item.Option!.Name}: {InstantText.Problem(item.Text)}");
            ok = false;
            return null;
        }
        (first, second, third) = (Parse(a), Parse(b), Parse(c));
        return ok;
    }

    private static Command Recommend(CliConsole console, IClock clock)
    {
        var policyOption = new Option<string>("--policy") { Description = "The policy document (default: the bundled sample).", DefaultValueFactory = _ => SamplePolicy };
        var ticketsOption = new Option<string>("--tickets") { Description = "Tickets as JSON Lines, or - (default: the bundled sample).", DefaultValueFactory = _ => "samples/tickets.jsonl" };
        var percentileOption = new Option<double>("--percentile") { Description = "The share of history the target must cover, in percent (default 95).", DefaultValueFactory = _ => 95 };
        var atOption = new Option<string?>("--at") { Description = "Evaluate as of this instant (default: now)." };
        var command = new Command("recommend", "Per service, priority and metric, the smallest target history would have met at a percentile, beside the current one.")
        {
            policyOption, ticketsOption, percentileOption, atOption,
        };
        command.SetAction(result =>
        {
            var percentile = result.GetValue(percentileOption);
            if (!(percentile > 0 && percentile <= 100))
            {
                console.Error.WriteLine($"--percentile: {percentile.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not a percentage above 0 and at most 100.");
                return ExitCodes.Invalid;
            }
            if (!Instants(console, out var at, (atOption, result.GetValue(atOption)), out _, (null, null), out _, (null, null))
                || PolicySource.Load(result.GetValue(policyOption)!, console) is not { } policy
                || CliFiles.OpenRead(result.GetValue(ticketsOption)!, console) is not { } tickets)
            {
                return ExitCodes.Invalid;
            }
            using (tickets == console.InputStream ? null : tickets)
            {
                return WhatIfCommands.Recommend(policy, tickets, at ?? clock.GetCurrentInstant(), percentile / 100, console);
            }
        });
        return command;
    }

    private static Command Compare(CliConsole console, IClock clock)
    {
        var policyOption = new Option<string>("--policy") { Description = "The current policy document.", Required = true };
        var candidateOption = new Option<string>("--candidate") { Description = "The candidate policy document.", Required = true };
        var ticketsOption = new Option<string>("--tickets") { Description = "Tickets as JSON Lines, or -.", Required = true };
        var atOption = new Option<string?>("--at") { Description = "Evaluate as of this instant (default: now)." };
        var command = new Command("compare", "Replay the same tickets under two policies and show compliance and credits side by side.")
        {
            policyOption, candidateOption, ticketsOption, atOption,
        };
        command.SetAction(result =>
        {
            if (!Instants(console, out var at, (atOption, result.GetValue(atOption)), out _, (null, null), out _, (null, null))
                || PolicySource.Load(result.GetValue(policyOption)!, console) is not { } current
                || PolicySource.Load(result.GetValue(candidateOption)!, console) is not { } candidate
                || CliFiles.OpenRead(result.GetValue(ticketsOption)!, console) is not { } tickets)
            {
                return ExitCodes.Invalid;
            }
            using (tickets == console.InputStream ? null : tickets)
            {
                return WhatIfCommands.Compare(current, candidate, tickets, at ?? clock.GetCurrentInstant(), console);
            }
        });
        return command;
    }
}
