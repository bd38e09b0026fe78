using System.CommandLine;
using System.CommandLine.Parsing;
using NodaTime;
using Sla.Core.Text;

namespace Sla.Cli;

/// <summary>The <c>sla</c> command tree.</summary>
internal static partial class SlaCommandLine
{
    /// <summary>Parses and runs a command line against the given streams.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="console">Standard input, output and error.</param>
    /// <param name="clock">The clock for defaults such as "today"; only the command line reads it.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, CliConsole console, IClock clock)
    {
        var verbose = new Option<bool>("--verbose") { Description = "On an internal error, show its details (the stack trace).", Recursive = true };
        var root = Build(console, clock);
        root.Options.Add(verbose);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.CommandResult.Command.Subcommands.Count > 0 && parsed.UnmatchedTokens.Count == 0
            && parsed.Errors.All(e => e.SymbolResult is CommandResult))
        {
            // 'sla' or 'sla calendar' alone: show what can follow rather than an error ('--help' before any '--', which ends options).
            parsed = root.Parse([.. args.TakeWhile(a => a != "--"), "--help"]);
        }
        else if (parsed.Errors.Count > 0)
        {
            var unknown = new HashSet<string>(parsed.UnmatchedTokens, StringComparer.Ordinal);
            // A word it does not know explains itself (with a suggestion) better than "Required command was not provided".
            foreach (var error in parsed.Errors.Where(e => !unknown.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal))
                && !(unknown.Count > 0 && e.SymbolResult is CommandResult)))
            {
                console.Error.WriteLine(CommandLineWords.InUsersWords(error.Message));
            }
            foreach (var token in parsed.UnmatchedTokens)
            {
                console.Error.WriteLine(CommandLineWords.Unknown(token, parsed.CommandResult.Command));
            }
            console.Error.WriteLine($"Run 'sla{string.Concat(CommandPath(parsed.CommandResult.Command).Select(c => " " + c))} --help' for usage.");
            return ExitCodes.Invalid;
        }
        try
        {
            var exitCode = parsed.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
            console.Flush();
            return exitCode;
        }
        catch (StandardStreamException e)
        {
            FlushWhatWasAnswered(console);
            console.Error.WriteLine($"sla: {e.Message}");
            return ExitCodes.Invalid;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever the input, it should have been answered: this is a fault in sla, reported as one.
            FlushWhatWasAnswered(console);
            console.Error.WriteLine($"sla: {ExitCodes.InternalErrorText(e)}{(parsed.GetValue(verbose) ? Environment.NewLine + e : " (run with --verbose for details)")}");
            return ExitCodes.InternalError;
        }
    }

    private static RootCommand Build(CliConsole console, IClock clock)
    {
        var root = new RootCommand("sla: service-level agreement deadlines, business-time arithmetic and calendar checks.");
        root.Subcommands.Add(Calc(console));
        var calendar = new Command("calendar", "Work with calendar documents.");
        calendar.Subcommands.Add(CalendarCheck(console, clock));
        calendar.Subcommands.Add(CalendarDays(console, clock));
        calendar.Subcommands.Add(CalendarHolidays(console, clock));
        calendar.Subcommands.Add(CalendarImportIcs(console));
        calendar.Subcommands.Add(CalendarExportIcs(console, clock));
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

    private const string SamplePolicy = "samples/policy.json";

    /// <summary>The names of the commands from the root's child down to <paramref name="command"/>.</summary>
    private static Stack<string> CommandPath(Command command)
    {
        var names = new Stack<string>();
        for (var current = command; current is not RootCommand; current = (Command)current.Parents.First())
        {
            names.Push(current.Name);
        }
        return names;
    }

    /// <summary>Parses an instant option, which must lie in the range calendars support; reports it when it does not.</summary>
    private static Instant? InstantOption(CliConsole console, string option, string text)
    {
        if (!InstantText.TryParse(text, out var instant))
        {
            console.Error.WriteLine($"{option}: {InstantText.Problem(text)}");
            return null;
        }
        if (!Core.Calendars.BusinessCalendar.SupportedRange.Contains(instant))
        {
            console.Error.WriteLine($"{option}: {text} is outside the instants calendars support ({SupportedRangeText}).");
            return null;
        }
        return instant;
    }

    /// <summary>The instants calendars support, as messages name them: <c>0002-01-02T00:00:00Z to 9998-12-31T00:00:00Z</c>.</summary>
    internal static string SupportedRangeText =>
        $"{InstantText.Format(Core.Calendars.BusinessCalendar.SupportedRange.Start)} to {InstantText.Format(Core.Calendars.BusinessCalendar.SupportedRange.End)}";

    /// <summary>Writes out the lines already answered before a failure, if standard output still takes them.</summary>
    private static void FlushWhatWasAnswered(CliConsole console)
    {
        try
        {
            console.Flush();
        }
        catch (StandardStreamException)
        {
            // Output is what failed: the failure itself is reported next.
        }
    }

    /// <summary>Reports a <c>--from</c> after <c>--to</c>, which would select nothing.</summary>
    private static bool InOrder(CliConsole console, Instant? from, Instant? to)
    {
        if (from > to)
        {
            console.Error.WriteLine($"--from: {InstantText.Format(from.Value)} is after --to, {InstantText.Format(to!.Value)}: the range would hold nothing.");
            return false;
        }
        return true;
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
            if (InstantOption(console, item.Option!.Name, item.Text) is { } instant)
            {
                return instant;
            }
            ok = false;
            return null;
        }
        (first, second, third) = (Parse(a), Parse(b), Parse(c));
        return ok;
    }

}
