using System.CommandLine;
using NodaTime;
using Sla.Cli.Compliance;
using Sla.Cli.Policies;
using Sla.Cli.Reports;
using Sla.Core.Policies;
using Sla.Core.Text;

namespace Sla.Cli;

/// <summary>The ticket commands: evaluate, report, availability, recommend and compare.</summary>
internal static partial class SlaCommandLine
{
    private static Command Evaluate(CliConsole console, IClock clock)
    {
        var policyOption = new Option<string>("--policy") { Description = "The policy document.", Required = true };
        var ticketsOption = new Option<string>("--tickets") { Description = "Tickets as JSON Lines, or - for standard input.", Required = true };
        var atOption = new Option<string?>("--at") { Description = "Evaluate as of this instant (default: now, read once)." };
        var formatOption = CommandLineWords.Format("--format", EvaluationFormat.Jsonl, EvaluationFormat.Jsonl, EvaluationFormat.Table, EvaluationFormat.Csv);
        var explainOption = new Option<bool>("--explain") { Description = "Add each result's segments: counted, outside hours (naming the holiday), paused (naming the status)." };
        var parallelOption = new Option<bool>("--parallel") { Description = "Evaluate on every core (output order is kept)." };
        var dueWithinOption = new Option<string?>("--due-within")
        {
            Description = "Only the tickets whose next change (a warning crossed or a deadline) falls within this duration of --at, such as PT1H; soonest first.",
        };
        var command = new Command("evaluate", "Evaluate tickets against a policy: one result line per ticket, in input order.")
        {
            policyOption, ticketsOption, atOption, formatOption.Option, explainOption, parallelOption, dueWithinOption,
        };
        command.SetAction(result =>
        {
            if (!Instants(console, out var at, (atOption, result.GetValue(atOption)), out _, (null, null), out _, (null, null)))
            {
                return ExitCodes.Invalid;
            }
            var now = at ?? clock.GetCurrentInstant();
            Duration? dueWithin = null;
            if (result.GetValue(dueWithinOption) is { } windowText)
            {
                if (!DurationText.TryParse(windowText, out var window, out _))
                {
                    console.Error.WriteLine($"--due-within: '{windowText}' is not a duration: give how far ahead to look, such as PT1H or 90m.");
                    return ExitCodes.Invalid;
                }
                if (window < Duration.Zero)
                {
                    console.Error.WriteLine($"--due-within: {windowText} is negative: give how far ahead to look, such as PT1H.");
                    return ExitCodes.Invalid;
                }
                dueWithin = window;
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
                var options = new EvaluateOptions(formatOption.Get(result), result.GetValue(explainOption), result.GetValue(parallelOption), dueWithin);
                return EvaluateCommand.Run(policy, input, now, options, console);
            }
        });
        return command;
    }

    private static Command Report(CliConsole console, IClock clock)
    {
        var policyOption = new Option<string>("--policy") { Description = "The policy document (default: the bundled sample).", DefaultValueFactory = _ => SamplePolicy };
        var ticketsOption = new Option<string>("--tickets") { Description = "Tickets as JSON Lines, or - (default: the bundled sample).", DefaultValueFactory = _ => "samples/tickets.jsonl" };
        var atOption = new Option<string?>("--at") { Description = "Evaluate as of this instant (default: now)." };
        var fromOption = new Option<string?>("--from") { Description = "Only results judged at or after this instant." };
        var toOption = new Option<string?>("--to") { Description = "Only results judged before this instant." };
        var periodOption = CommandLineWords.Choice("--period", "period", ReportingPeriod.Month, ReportingPeriod.Week, ReportingPeriod.Month, ReportingPeriod.Quarter);
        var formatOption = CommandLineWords.Format("--format", ReportFormat.Table, ReportFormat.Table, ReportFormat.Json, ReportFormat.Csv, ReportFormat.Html);
        var sectionOption = CommandLineWords.Choice("--section", "section", ReportSection.Rows, ReportSection.Rows, ReportSection.Objectives, ReportSection.Credits);
        sectionOption.Option.Description = "With --format csv, which table to write: rows (default), objectives or credits (the other formats hold all three).";
        var command = new Command("report", "Compliance per service, priority, metric and period; objectives; credits owed. With no files, runs on the bundled sample.")
        {
            policyOption, ticketsOption, atOption, fromOption, toOption, periodOption.Option, formatOption.Option, sectionOption.Option,
        };
        command.SetAction(result =>
        {
            if (!Instants(console, out var at, (atOption, result.GetValue(atOption)), out var from, (fromOption, result.GetValue(fromOption)), out var to, (toOption, result.GetValue(toOption)))
                || !InOrder(console, from, to))
            {
                return ExitCodes.Invalid;
            }
            if (result.GetResult(sectionOption.Option) is not null && formatOption.Get(result) != ReportFormat.Csv)
            {
                console.Error.WriteLine("--section: it picks the table a CSV holds; the other formats hold the rows, objectives and credits together. Add --format csv.");
                return ExitCodes.Invalid;
            }
            if (PolicySource.Load(result.GetValue(policyOption)!, console) is not { } policy || CliFiles.OpenRead(result.GetValue(ticketsOption)!, console) is not { } tickets)
            {
                return ExitCodes.Invalid;
            }
            using (tickets == console.InputStream ? null : tickets)
            {
                return ReportCommand.Run(policy, tickets, at ?? clock.GetCurrentInstant(), periodOption.Get(result), from, to, formatOption.Get(result), sectionOption.Get(result), console);
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
        var formatOption = CommandLineWords.Format("--format", ReportFormat.Table, ReportFormat.Table, ReportFormat.Json, ReportFormat.Csv);
        var command = new Command("availability", "Uptime per service and period against the policy's availability objectives, with credits.")
        {
            policyOption, outagesOption, fromOption, toOption, formatOption.Option,
        };
        command.SetAction(result =>
        {
            if (!Instants(console, out var from, (fromOption, result.GetValue(fromOption)), out var to, (toOption, result.GetValue(toOption)), out _, (null, null))
                || !InOrder(console, from, to))
            {
                return ExitCodes.Invalid;
            }
            if (PolicySource.Load(result.GetValue(policyOption)!, console) is not { } policy || CliFiles.OpenRead(result.GetValue(outagesOption)!, console) is not { } outages)
            {
                return ExitCodes.Invalid;
            }
            using (outages == console.InputStream ? null : outages)
            {
                return AvailabilityCommand.Run(policy, outages, from, to, formatOption.Get(result), console);
            }
        });
        return command;
    }

    private static Command Recommend(CliConsole console, IClock clock)
    {
        var policyOption = new Option<string>("--policy") { Description = "The policy document (default: the bundled sample).", DefaultValueFactory = _ => SamplePolicy };
        var ticketsOption = new Option<string>("--tickets") { Description = "Tickets as JSON Lines, or - (default: the bundled sample).", DefaultValueFactory = _ => "samples/tickets.jsonl" };
        var percentileOption = new Option<double>("--percentile") { Description = "The share of history the target must cover, in percent (default 95).", DefaultValueFactory = _ => 95 };
        var atOption = new Option<string?>("--at") { Description = "Evaluate as of this instant (default: now)." };
        var formatOption = CommandLineWords.Format("--format", ReportFormat.Table, ReportFormat.Table, ReportFormat.Json, ReportFormat.Csv);
        var command = new Command("recommend", "Per service, priority and metric, the smallest target history would have met at a percentile, beside the current one.")
        {
            policyOption, ticketsOption, percentileOption, atOption, formatOption.Option,
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
                return WhatIfCommands.Recommend(policy, tickets, at ?? clock.GetCurrentInstant(), percentile / 100, formatOption.Get(result), console);
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
        var formatOption = CommandLineWords.Format("--format", ReportFormat.Table, ReportFormat.Table, ReportFormat.Json, ReportFormat.Csv);
        var command = new Command("compare", "Replay the same tickets under two policies and show compliance and credits side by side.")
        {
            policyOption, candidateOption, ticketsOption, atOption, formatOption.Option,
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
                return WhatIfCommands.Compare(current, candidate, tickets, at ?? clock.GetCurrentInstant(), formatOption.Get(result), console);
            }
        });
        return command;
    }
}
