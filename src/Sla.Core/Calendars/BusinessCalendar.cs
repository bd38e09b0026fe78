using System.Collections.Immutable;
using NodaTime;
using Sla.Core.Text;

namespace Sla.Core.Calendars;

/// <summary>
/// A business calendar: an IANA time zone, weekly working windows, recurring holiday and short-day
/// rules, and dated exceptions; and exact business-time arithmetic on <see cref="Instant"/>s.
/// </summary>
/// <remarks>
/// <para>An instant is <em>working</em> when the calendar's wall clock shows opening hours on an open day
/// (semantics.md §1). Every method works on that predicate, so DST days hold 23 or 25 hours as the clock
/// does: a <c>00:00-24:00</c> window on a fall-back day holds 25 hours.</para>
/// <para>Build one with <see cref="BusinessCalendarBuilder"/> (or from a JSON document with Sla.Core.Json).
/// Instances are immutable and thread-safe: share one per calendar across the process. The engine
/// compiles each local year on first use (a few kilobytes each) and answers each query with binary
/// searches, so the cost does not grow with the duration. Arithmetic covers local years 2 to 9998
/// (every instant of <see cref="SupportedRange"/> lies in them, whatever the zone); instants outside them
/// throw <see cref="ArgumentOutOfRangeException"/>, and a result that would fall outside them is unreachable.</para>
/// <para>Time is counted in ticks (100 ns), as NodaTime's <see cref="Duration"/> and <see cref="Instant"/> allow
/// finer: an instant is taken at the tick it falls in (rounded down) and an amount is cut to whole ticks
/// (towards zero), the same way on every calendar, the 24/7 one included.</para>
/// </remarks>
public sealed partial class BusinessCalendar
{
    /// <summary>The id of the built-in 24/7 calendar.</summary>
    public const string AlwaysOpenId = "24x7";

    /// <summary>Gets the largest amount of business time, either way, that arithmetic accepts: 87,600,000 hours
    /// (10,000 years of 24-hour days), more than the supported years hold on any calendar.</summary>
    public static Duration MaxAmount { get; } = Duration.FromHours(87_600_000);

    /// <summary>
    /// Gets the instants every calendar supports, whatever its zone: from 0002-01-02T00:00:00Z (inclusive) to
    /// 9998-12-31T00:00:00Z (exclusive), so that each lies in the local years 2 to 9998 of every zone.
    /// </summary>
    public static Interval SupportedRange { get; } = new(
        Instant.FromUtc(CalendarYears.MinYear, 1, 2, 0, 0), Instant.FromUtc(CalendarYears.MaxYear, 12, 31, 0, 0));

    private static readonly Duration LeastAmount = -MaxAmount;

    // The 24/7 calendar's local years are UTC years.
    private static readonly long AlwaysOpenStart = Instant.FromUtc(CalendarYears.MinYear, 1, 1, 0, 0).ToUnixTimeTicks();
    private static readonly long AlwaysOpenEnd = Instant.FromUtc(CalendarYears.MaxYear + 1, 1, 1, 0, 0).ToUnixTimeTicks();

    private readonly BusinessTimeEngine engine;
    private readonly BusinessDayCounter dayCounter;
    // Null for a composite, whose days come from its compiled years.
    private readonly DayPlanner? planner;

    internal BusinessCalendar(string id, DateTimeZone zone, string timeZoneProviderVersion, WeeklySchedule weekly,
        ImmutableArray<CalendarRule> rules, ImmutableArray<DateOverride> exceptions)
    {
        Id = id;
        Zone = zone;
        TimeZoneProviderVersion = timeZoneProviderVersion;
        Weekly = weekly;
        Rules = rules;
        Exceptions = exceptions;
        Members = [];
        var dayPlanner = new DayPlanner(weekly, rules, exceptions);
        planner = dayPlanner;
        var (first, last) = WorkingYearBounds(weekly, exceptions);
        var years = new CalendarYears(year => CompiledYear.Create(year, zone,
            (month, start, end) => CompiledMonth.Compile(zone, new LocalDate(year, month, 1), start, end, dayPlanner.PlanMonth(year, month))));
        engine = new BusinessTimeEngine(years,
            YearSummaries.ForPlans(dayPlanner, weekly, rules, exceptions), first, last, MostWorkingTimePerYear(weekly, exceptions));
        dayCounter = new BusinessDayCounter(zone, engine);
    }

    /// <summary>Gets the built-in 24/7 calendar (id <c>24x7</c>, UTC): every instant is working, so
    /// <c>Add(a, d) == a + d</c> exactly.</summary>
    public static BusinessCalendar AlwaysOpen { get; } = new(
        AlwaysOpenId, DateTimeZone.Utc, DateTimeZoneProviders.Tzdb.VersionId, WeeklySchedule.AlwaysOpen, [], []);

    /// <summary>Gets the calendar's id.</summary>
    public string Id { get; }

    /// <summary>Gets the calendar's time zone.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Gets the version of the time zone data the zone came from (for example <c>TZDB: 2025b</c>),
    /// so processes that compute deadlines apart can check they agree.</summary>
    public string TimeZoneProviderVersion { get; }

    /// <summary>Gets the weekly schedule (closed every day for a composite calendar, whose hours are its members').</summary>
    public WeeklySchedule Weekly { get; }

    /// <summary>Gets the recurring rules, in the order they were given (none for a composite calendar).</summary>
    public ImmutableArray<CalendarRule> Rules { get; }

    /// <summary>Gets the dated exceptions, in the order they were given (none for a composite calendar).</summary>
    public ImmutableArray<DateOverride> Exceptions { get; }

    /// <summary>Gets how a composite calendar combines its <see cref="Members"/>, or <see langword="null"/> for a
    /// calendar defined by its own windows.</summary>
    public CalendarOperation? Operation { get; }

    /// <summary>Gets a composite calendar's members, in the order given (for a difference, the first is the one
    /// the others are taken from); empty for a calendar defined by its own windows.</summary>
    public ImmutableArray<BusinessCalendar> Members { get; }

    /// <summary>Gets a value indicating whether the calendar is built from other calendars (see <see cref="Compose"/>).</summary>
    public bool IsComposite => Operation is not null;

    /// <summary>Gets a value indicating whether this is the built-in 24/7 calendar.</summary>
    public bool IsAlwaysOpen => ReferenceEquals(this, AlwaysOpen);

    /// <summary>Tells whether an instant is working time.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns><see langword="true"/> when the wall clock shows opening hours on an open day.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The instant is outside the local years 2 to 9998.</exception>
    public bool IsWorking(Instant instant) =>
        IsAlwaysOpen ? AlwaysWorking(instant) : engine.IsWorking(instant.ToUnixTimeTicks());

    /// <summary>
    /// Measures the working time in <c>[from, to)</c>; negative (the same measure of <c>[to, from)</c>) when
    /// <paramref name="to"/> is before <paramref name="from"/>.
    /// </summary>
    /// <param name="from">The start of the range.</param>
    /// <param name="to">The end of the range.</param>
    /// <returns>The working time, to the tick.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An instant is outside the local years 2 to 9998.</exception>
    public Duration Elapsed(Instant from, Instant to) =>
        Duration.FromTicks(IsAlwaysOpen
            ? AlwaysOpenTicks(to, nameof(to)) - AlwaysOpenTicks(from, nameof(from))
            : engine.Elapsed(from.ToUnixTimeTicks(), to.ToUnixTimeTicks()));

    /// <summary>
    /// Adds business time. For <paramref name="amount"/> &gt;= 0 the result is the earliest instant
    /// <c>t &gt;= start</c> with <c>Elapsed(start, t) == amount</c>, so time that uses a window up exactly
    /// lands on the window's end; for a negative amount, the latest <c>t &lt;= start</c> with
    /// <c>Elapsed(t, start) == -amount</c>.
    /// </summary>
    /// <param name="start">The instant to count from.</param>
    /// <param name="amount">The business time to add (negative to subtract).</param>
    /// <param name="result">The resulting instant, when reachable; otherwise <paramref name="start"/>.</param>
    /// <returns><see langword="false"/> when the calendar has no working time left in that direction within the
    /// local years 2 to 9998 (always so for an amount beyond <see cref="MaxAmount"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is outside the local years 2 to 9998.</exception>
    public bool TryAdd(Instant start, Duration amount, out Instant result)
    {
        if (IsAlwaysOpen || IsBeyondMaxAmount(amount))
        {
            return TryAddOffTheEngine(start, amount, out result);
        }
        var reached = engine.TryAdd(start.ToUnixTimeTicks(), amount.BclCompatibleTicks, out var ticks);
        result = Instant.FromUnixTimeTicks(ticks);
        return reached;
    }

    /// <summary>The 24/7 calendar's plain sum, and amounts too large for any calendar: apart, so the common path stays small.</summary>
    private bool TryAddOffTheEngine(Instant start, Duration amount, out Instant result)
    {
        result = start;
        if (IsBeyondMaxAmount(amount))
        {
            // Unreachable whatever the start, but a start outside the supported years is still the caller's mistake.
            CheckSupported(start, nameof(start));
            return false;
        }
        var ticks = AlwaysOpenTicks(start, nameof(start)) + amount.BclCompatibleTicks;
        if (ticks < AlwaysOpenStart || ticks >= AlwaysOpenEnd)
        {
            return false;
        }
        result = Instant.FromUnixTimeTicks(ticks);
        return true;
    }

    private void CheckSupported(Instant instant, string parameterName)
    {
        if (IsAlwaysOpen)
        {
            AlwaysOpenTicks(instant, parameterName);
        }
        else
        {
            engine.Years.Containing(instant.ToUnixTimeTicks(), parameterName);
        }
    }

    internal static bool IsBeyondMaxAmount(Duration amount) => amount > MaxAmount || amount < LeastAmount;

    /// <summary>Adds business time, as <see cref="TryAdd"/> does.</summary>
    /// <param name="start">The instant to count from.</param>
    /// <param name="amount">The business time to add (negative to subtract).</param>
    /// <returns>The resulting instant.</returns>
    /// <exception cref="DeadlineUnreachableException">The calendar has no working time left in that direction.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is outside the local years 2 to 9998.</exception>
    public Instant Add(Instant start, Duration amount) =>
        TryAdd(start, amount, out var result)
            ? result
            : throw new DeadlineUnreachableException(
                $"unreachable: calendar '{Id}' has no working time {(amount > Duration.Zero ? "after" : "before")} {InstantText.Format(start)} " +
                $"to cover {DurationText.Format(amount)}{(IsBeyondMaxAmount(amount) ? $" (more than the most arithmetic accepts, {DurationText.Format(MaxAmount)})" : "")}.");

    /// <summary>Computes a business-days deadline (see <see cref="BusinessDays"/>).</summary>
    /// <param name="start">When the ticket arrived.</param>
    /// <param name="target">The business-days target.</param>
    /// <param name="deadline">The deadline, when reachable; otherwise <paramref name="start"/>.</param>
    /// <returns><see langword="false"/> when the calendar has too few working days left.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is outside the local years 2 to 9998.</exception>
    public bool TryAddBusinessDays(Instant start, BusinessDays target, out Instant deadline) =>
        dayCounter.TryDeadline(start, target, out deadline);

    /// <summary>Computes a business-days deadline, as <see cref="TryAddBusinessDays"/> does.</summary>
    /// <param name="start">When the ticket arrived.</param>
    /// <param name="target">The business-days target.</param>
    /// <returns>The deadline.</returns>
    /// <exception cref="DeadlineUnreachableException">The calendar has too few working days left.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is outside the local years 2 to 9998.</exception>
    public Instant AddBusinessDays(Instant start, BusinessDays target) =>
        TryAddBusinessDays(start, target, out var deadline)
            ? deadline
            : throw new DeadlineUnreachableException($"unreachable: calendar '{Id}' has no {target} after {InstantText.Format(start)}.");

    /// <summary>Gets the earliest working instant at or after <paramref name="instant"/>.</summary>
    /// <param name="instant">Where to start looking.</param>
    /// <returns>The instant, or <see langword="null"/> when no working time follows.</returns>
    public Instant? NextWorkingStart(Instant instant) =>
        IsAlwaysOpen ? instant : ToInstant(engine.NextWorkingStart(instant.ToUnixTimeTicks()));

    /// <summary>
    /// Gets the latest instant at or before <paramref name="instant"/> that working time runs up to: the
    /// instant itself while working time runs right up to it, otherwise the end of the previous working stretch.
    /// </summary>
    /// <param name="instant">Where to start looking back.</param>
    /// <returns>The instant, or <see langword="null"/> when no working time precedes.</returns>
    public Instant? PreviousWorkingEnd(Instant instant) =>
        IsAlwaysOpen ? instant : ToInstant(engine.PreviousWorkingEnd(instant.ToUnixTimeTicks()));

    /// <summary>
    /// Splits <c>[from, to)</c> into working and closed stretches, in order, each closed stretch on a date
    /// that a rule or dated exception cut short carrying its name.
    /// </summary>
    /// <param name="from">The start of the range.</param>
    /// <param name="to">The end of the range; nothing is returned when it is not after <paramref name="from"/>.</param>
    /// <returns>The stretches, covering the range without gaps or overlaps.</returns>
    public ImmutableArray<CalendarSegment> GetSegments(Instant from, Instant to) =>
        IsAlwaysOpen
            ? (to > from ? [new CalendarSegment(new Interval(from, to), true, null)] : [])
            : [.. engine.Segments(from.ToUnixTimeTicks(), to.ToUnixTimeTicks())];

    /// <summary>Gets a local date's hours after the weekly schedule, rules and exceptions.</summary>
    /// <param name="date">The local date.</param>
    /// <returns>The date, its windows and what shaped them.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="date"/> is outside <see cref="FirstDate"/> to <see cref="LastDate"/>.</exception>
    public CalendarDay GetDay(LocalDate date)
    {
        CheckCovered(date, nameof(date));
        if (planner is null)
        {
            return CompositeDay(date);
        }
        var plan = planner.PlanDate(date);
        return new CalendarDay(date, [.. plan.Ranges.Select(ToWindow)], plan.ShapedBy);
    }

    /// <summary>Gets each local date's hours from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    /// <param name="from">The first date.</param>
    /// <param name="to">The last date, not before <paramref name="from"/>.</param>
    /// <returns>One day per date, in date order, each with its hours and the rules or exception that shaped them.</returns>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A date is outside the dates calendars cover (those of <see cref="SupportedRange"/>).</exception>
    /// <remarks>One entry per date: ask for a range you mean to hold (a year is 366 entries).</remarks>
    public ImmutableArray<CalendarDay> Days(LocalDate from, LocalDate to)
    {
        CheckCovered(from, nameof(from));
        CheckCovered(to, nameof(to));
        if (to < from)
        {
            throw new ArgumentException($"The range ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        }
        var days = ImmutableArray.CreateBuilder<CalendarDay>(Period.Between(from, to, PeriodUnits.Days).Days + 1);
        for (var date = from; date <= to; date = date.PlusDays(1))
        {
            days.Add(GetDay(date));
        }
        return days.MoveToImmutable();
    }

    /// <summary>The first date <see cref="Days"/> and <see cref="GetDay"/> cover.</summary>
    public static LocalDate FirstDate { get; } = new(2, 1, 1);

    /// <summary>The last date <see cref="Days"/> and <see cref="GetDay"/> cover.</summary>
    public static LocalDate LastDate { get; } = new(9998, 12, 31);

    private static void CheckCovered(LocalDate date, string parameterName)
    {
        if (date < FirstDate || date > LastDate)
        {
            throw new ArgumentOutOfRangeException(parameterName, date, $"Calendars cover the dates {FirstDate:yyyy-MM-dd} to {LastDate:yyyy-MM-dd}.");
        }
    }

    /// <summary>Describes the calendar for people: <c>london (Europe/London): Mon-Thu 09:00-17:30; Fri 09:00-16:00; 8 rules, 2 dated exceptions</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        IsAlwaysOpen ? $"{Id}: always open"
        : Operation is { } operation ? $"{Id} ({Zone.Id}): {operation.ToString().ToLowerInvariant()} of {string.Join(", ", Members.Select(m => m.Id))}"
        : $"{Id} ({Zone.Id}): {Weekly}; {Count(Rules.Length, "rule")}, {Count(Exceptions.Length, "dated exception")}";

    private static string Count(int count, string what) => $"{count} {what}{(count == 1 ? "" : "s")}";

    /// <summary>The calendar's compiled years, which a composite that has it as a member reads.</summary>
    internal CalendarYears Years => engine.Years;

    /// <summary>The compiled month holding <paramref name="ticks"/>, for arithmetic that asks many questions of one month (not for the 24/7 calendar).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The instant is outside the supported years (named <paramref name="parameterName"/>).</exception>
    internal CompiledMonth MonthHolding(long ticks, string parameterName) => engine.MonthHolding(ticks, parameterName);

    /// <summary>Gets the approximate memory, in bytes, the calendar's compiled years hold now.</summary>
    /// <returns>The bytes held by the year cache.</returns>
    internal long CompiledMemoryBytes() => engine.Years.TotalMemoryBytes();

    private static bool AlwaysWorking(Instant instant)
    {
        AlwaysOpenTicks(instant, nameof(instant));
        return true;
    }

    private static long AlwaysOpenTicks(Instant instant, string parameterName)
    {
        var ticks = instant.ToUnixTimeTicks();
        return ticks >= AlwaysOpenStart && ticks < AlwaysOpenEnd
            ? ticks
            : throw new ArgumentOutOfRangeException(parameterName, instant,
                $"Business-time arithmetic supports instants in local years {CalendarYears.MinYear} to {CalendarYears.MaxYear}.");
    }

    private static Instant? ToInstant(long? ticks) => ticks is { } t ? Instant.FromUnixTimeTicks(t) : null;

    private static TimeWindow ToWindow(WallRange range)
    {
        static LocalTime At(long ticks) => LocalTime.FromTicksSinceMidnight(ticks % WallRange.Day);
        return new TimeWindow(At(range.Start), At(range.End));
    }

    /// <summary>
    /// More working time, in ticks, than any one local year of the calendar can hold: each weekday comes at
    /// most 53 times a year, rules only take time away, every dated exception is counted in full, and three
    /// days cover what DST and the overnight tail of the December 31 before can add.
    /// </summary>
    private static long MostWorkingTimePerYear(WeeklySchedule weekly, ImmutableArray<DateOverride> exceptions) =>
        ((53 * weekly.WeeklyWallClockTotal) + exceptions.SelectMany(e => e.Hours).Aggregate(Duration.Zero, (sum, w) => sum + w.WallClockLength)
            + Duration.FromDays(3)).BclCompatibleTicks;

    private static (int First, int Last) WorkingYearBounds(WeeklySchedule weekly, ImmutableArray<DateOverride> exceptions)
    {
        if (!weekly.IsEmpty)
        {
            return (CalendarYears.MinYear, CalendarYears.MaxYear);
        }
        var open = exceptions.Where(e => !e.Hours.IsEmpty).Select(e => e.Date.Year).ToList();
        return open.Count == 0
            ? (CalendarYears.MaxYear, CalendarYears.MinYear)
            : (Math.Max(open.Min(), CalendarYears.MinYear), Math.Min(open.Max() + 1, CalendarYears.MaxYear));
    }
}
