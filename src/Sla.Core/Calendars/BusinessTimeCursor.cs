using NodaTime;

namespace Sla.Core.Calendars;

/// <summary>
/// Business-time arithmetic for one run of questions, as a ticket's evaluation asks them: it remembers the month it
/// last answered in, and the last measure. A ticket's clocks measure and add over hours or days, mostly within one
/// month of one calendar, so after the first question the year and month are not looked up again; and clocks brought
/// up to one event from the same instant share one measure. Every answer (and every exception) is the one the
/// calendar's own method gives.
/// </summary>
/// <remarks>
/// A mutable value for one thread: keep it on the stack of one evaluation (a local passed by reference), never in
/// anything shared, since it is read and written at every question. The default value remembers nothing.
/// </remarks>
internal struct BusinessTimeCursor
{
    private BusinessCalendar? monthCalendar;
    private CompiledMonth? month;
    private BusinessCalendar? measuredOn;
    private Instant measuredFrom;
    private Instant measuredTo;
    private Duration measured;

    /// <summary>The business time in <c>[from, to)</c> on <paramref name="calendar"/>, as <see cref="BusinessCalendar.Elapsed"/> gives it.</summary>
    public Duration Elapsed(BusinessCalendar calendar, Instant from, Instant to)
    {
        if (!ReferenceEquals(calendar, measuredOn) || from != measuredFrom || to != measuredTo)
        {
            (measuredOn, measuredFrom, measuredTo, measured) = (calendar, from, to, Measure(calendar, from, to));
        }
        return measured;
    }

    private Duration Measure(BusinessCalendar calendar, Instant from, Instant to)
    {
        if (!calendar.IsAlwaysOpen && from <= to)
        {
            var (start, end) = (from.ToUnixTimeTicks(), to.ToUnixTimeTicks());
            if (MonthHolding(calendar, start, nameof(from)) is var holding && end < holding.End)
            {
                return Duration.FromTicks(holding.CumulativeAt(end) - holding.CumulativeAt(start));
            }
        }
        return calendar.Elapsed(from, to);
    }

    /// <summary>Adds business time on <paramref name="calendar"/>, as <see cref="BusinessCalendar.TryAdd"/> does.</summary>
    public bool TryAdd(BusinessCalendar calendar, Instant start, Duration amount, out Instant result)
    {
        if (!calendar.IsAlwaysOpen && amount > Duration.Zero && !BusinessCalendar.IsBeyondMaxAmount(amount))
        {
            var from = start.ToUnixTimeTicks();
            var holding = MonthHolding(calendar, from, nameof(start));
            var needed = holding.CumulativeAt(from) + amount.BclCompatibleTicks;
            if (needed <= holding.Total)
            {
                result = Instant.FromUnixTimeTicks(holding.EarliestReaching(needed));
                return true;
            }
        }
        return calendar.TryAdd(start, amount, out result);
    }

    /// <summary>Adds business time on <paramref name="calendar"/>, as <see cref="BusinessCalendar.Add"/> does.</summary>
    public Instant Add(BusinessCalendar calendar, Instant start, Duration amount) =>
        TryAdd(calendar, start, amount, out var result) ? result : calendar.Add(start, amount);

    /// <summary>The compiled month of <paramref name="calendar"/> (not the 24/7 one) that holds <paramref name="ticks"/>, remembered for the next question.</summary>
    private CompiledMonth MonthHolding(BusinessCalendar calendar, long ticks, string parameterName)
    {
        if (ReferenceEquals(calendar, monthCalendar) && ticks >= month!.Start && ticks < month.End)
        {
            return month;
        }
        (monthCalendar, month) = (calendar, calendar.MonthHolding(ticks, parameterName));
        return month;
    }
}
