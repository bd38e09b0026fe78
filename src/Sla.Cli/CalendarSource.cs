using Sla.Core.Calendars;
using Sla.Core.Json.Calendars;

namespace Sla.Cli;

/// <summary>Loads the calendar a command names: <c>24x7</c>, a calendar document, or one calendar of a policy document.</summary>
internal static class CalendarSource
{
    /// <summary>Loads a calendar, writing every problem to standard error when it cannot.</summary>
    /// <returns>The calendar, or <see langword="null"/> after reporting why not.</returns>
    public static BusinessCalendar? Load(string file, string? id, CliConsole console)
    {
        if (file == BusinessCalendar.AlwaysOpenId)
        {
            return BusinessCalendar.AlwaysOpen;
        }
        if (CliFiles.ReadText(file, console) is not { } json)
        {
            return null;
        }
        if (!CalendarDocument.TryParseAll(json, out var calendars, out var problems))
        {
            foreach (var problem in problems)
            {
                console.Error.WriteLine($"{file}: {problem}");
            }
            return null;
        }
        var chosen = calendars.Where(c => id is null || c.Id == id).ToList();
        switch (chosen.Count)
        {
            case 1:
                return chosen[0];
            case 0 when id is not null:
                console.Error.WriteLine($"{file}: has no calendar '{id}'; it has {string.Join(", ", calendars.Select(c => c.Id).Distinct())}.");
                return null;
            case 0:
                console.Error.WriteLine($"{file}: has no calendar.");
                return null;
            default:
                console.Error.WriteLine($"{file}: has several calendars ({string.Join(", ", chosen.Select(c => c.Id).Distinct())}): pick one with --id.");
                return null;
        }
    }
}
