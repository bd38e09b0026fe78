using NodaTime;
using Sla.Core.Calendars;

namespace Sla.Core.Compliance;

/// <summary>
/// The last business-time measure taken while one event is applied: the open cycles of a ticket mostly
/// measure the same stretch (from the previous event to this one) on the same calendar, so they share it.
/// A value kept on the stack of one evaluation, never shared between threads.
/// </summary>
internal struct ElapsedMemo
{
    private BusinessCalendar? calendar;
    private Instant from;
    private Instant to;
    private Duration elapsed;

    public Duration Elapsed(BusinessCalendar on, Instant start, Instant end)
    {
        if (!ReferenceEquals(on, calendar) || start != from || end != to)
        {
            (calendar, from, to, elapsed) = (on, start, end, on.Elapsed(start, end));
        }
        return elapsed;
    }
}
