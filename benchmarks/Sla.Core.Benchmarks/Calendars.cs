using Sla.Core.Calendars;
using Sla.Core.Json.Calendars;

namespace Sla.Core.Benchmarks;

internal static class Calendars
{
    public static BusinessCalendar London() => CalendarDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "london.json")));
}
