using System.Text.RegularExpressions;

namespace Sla.Core.Holidays.ICalendar;

/// <summary>
/// A first pass over iCalendar text that Ical.Net does not make: every content line has the shape
/// <c>NAME[;params]:value</c>, every BEGIN has its END, and where each event begins, so a problem names its
/// line (Ical.Net's own messages do not).
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static partial class IcsStructure
{
    [GeneratedRegex(@"^[A-Za-z0-9-]+(;[^:]*)?:", RegexOptions.CultureInvariant)]
    private static partial Regex ContentLine();

    /// <summary>Checks the text's shape; returns the line each VEVENT begins on, in order.</summary>
    /// <exception cref="ICalendarFormatException">A line is not a content line, or BEGIN and END do not pair up.</exception>
    public static List<int> EventLines(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var open = new Stack<(string Name, int Line)>();
        var events = new List<int>();
        var first = true;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            // A line that starts with a space or tab continues the one before (RFC 5545 folding).
            if (line.Length == 0 || line[0] is ' ' or '\t')
            {
                continue;
            }
            var number = i + 1;
            if (!ContentLine().IsMatch(line))
            {
                throw new ICalendarFormatException(number, $"'{Shorten(line)}' is not an iCalendar line (NAME:value).");
            }
            if (first && !line.Equals("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase))
            {
                throw new ICalendarFormatException(number, "an iCalendar file starts with BEGIN:VCALENDAR.");
            }
            first = false;
            if (line.StartsWith("BEGIN:", StringComparison.OrdinalIgnoreCase))
            {
                var name = line[6..].Trim().ToUpperInvariant();
                open.Push((name, number));
                if (name == "VEVENT")
                {
                    events.Add(number);
                }
            }
            else if (line.StartsWith("END:", StringComparison.OrdinalIgnoreCase))
            {
                var name = line[4..].Trim().ToUpperInvariant();
                if (open.Count == 0)
                {
                    throw new ICalendarFormatException(number, $"END:{name} closes nothing.");
                }
                var (opened, at) = open.Pop();
                if (opened != name)
                {
                    throw new ICalendarFormatException(number, $"END:{name} where BEGIN:{opened} (line {at}) needs END:{opened}.");
                }
            }
        }
        if (first)
        {
            throw new ICalendarFormatException(null, "the text is empty: an iCalendar file starts with BEGIN:VCALENDAR.");
        }
        if (open.Count > 0)
        {
            var (name, at) = open.Peek();
            throw new ICalendarFormatException(at, $"BEGIN:{name} is never closed with END:{name}.");
        }
        return events;
    }

    private static string Shorten(string line) => line.Length <= 60 ? line : line[..57] + "...";
}
