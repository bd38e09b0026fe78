using System.Collections.Immutable;
using NodaTime;
using Sla.Core.Calendars;

namespace Sla.Core.Holidays.ICalendar;

/// <summary>
/// What events close, date by date in a calendar's zone: whole dates (all-day events) and wall-clock ranges
/// (timed ones), with the events' names; then the dated exceptions that give each date exactly its hours less
/// those ranges. A whole date closes as a holiday does (its overnight window too); a timed closure removes just
/// the wall-clock times it covers, from the date's own windows and from the overnight tail of the evening
/// before, whose date is then rewritten as well.
/// </summary>
/// <remarks>Not thread-safe while being filled; used by one import at a time.</remarks>
internal sealed class DateClosures(BusinessCalendar calendar, LocalDate first, LocalDate last)
{
    private static readonly long Day = WallRanges.Day;
    private readonly SortedDictionary<LocalDate, Closure> closures = [];

    /// <summary>Closes whole dates from <paramref name="from"/> up to, not including, <paramref name="until"/>.</summary>
    public void CloseDates(LocalDate from, LocalDate until, string name)
    {
        for (var date = from; date < until; date = date.PlusDays(1))
        {
            if (date >= first && date <= last)
            {
                At(date, name).Whole = true;
            }
        }
    }

    /// <summary>Closes the wall-clock times the calendar's clock shows during <c>[start, end)</c>.</summary>
    public void CloseInstants(Instant start, Instant end, string name)
    {
        foreach (var zoneInterval in calendar.Zone.GetZoneIntervals(start, end))
        {
            var from = Instant.Max(start, zoneInterval.HasStart ? zoneInterval.Start : start);
            var to = Instant.Min(end, zoneInterval.HasEnd ? zoneInterval.End : end);
            if (from < to)
            {
                CloseWallClock(from.WithOffset(zoneInterval.WallOffset).LocalDateTime, to.WithOffset(zoneInterval.WallOffset).LocalDateTime, name);
            }
        }
    }

    /// <summary>Closes local wall-clock time <c>[from, to)</c>, split at midnights.</summary>
    public void CloseWallClock(LocalDateTime from, LocalDateTime to, string name)
    {
        for (var date = from.Date; date.AtMidnight() < to; date = date.PlusDays(1))
        {
            var start = date == from.Date ? from.TimeOfDay.TickOfDay : 0;
            var end = date == to.Date ? to.TimeOfDay.TickOfDay : Day;
            if (start < end && date >= first.PlusDays(-1) && date <= last)
            {
                At(date, name).Ranges.Add((start, end));
            }
        }
    }

    /// <summary>The dated exceptions that apply the closures, one per date that changes.</summary>
    public ImmutableArray<DateOverride> Exceptions()
    {
        var result = new SortedDictionary<LocalDate, (List<(long Start, long End)> Ranges, List<string> Names)>();
        foreach (var (date, closure) in closures.Where(c => c.Value.Whole && c.Key >= first))
        {
            result[date] = ([], [.. calendar.GetDay(date).ShapedBy.Concat(closure.Names).Distinct()]);
        }
        // The dates whose own windows (overnight tails included) lose time to a timed closure on them or on the next date.
        var touched = closures.Where(c => !c.Value.Whole && c.Value.Ranges.Count > 0).SelectMany(c => new[] { c.Key, c.Key.PlusDays(-1) }).Distinct().Order();
        var moved = new SortedDictionary<LocalDate, (List<(long Start, long End)> Pieces, List<string> Names)>();
        foreach (var date in touched.Where(d => d >= first.PlusDays(-1) && d <= last && !result.ContainsKey(d)))
        {
            var day = calendar.GetDay(date);
            var own = WallRanges.Of(day.Hours);
            var ownCut = WallRanges.Measure(WallRanges.Subtract(own, [.. RangesOf(date)])) < WallRanges.Measure(own);
            var nextCut = WallRanges.Measure(WallRanges.Subtract(own, [.. RangesOf(date.PlusDays(1)).Select(r => (r.Start + Day, r.End + Day))])) < WallRanges.Measure(own);
            if (!ownCut && !nextCut)
            {
                continue;
            }
            var left = WallRanges.Subtract(own, [.. RangesOf(date), .. RangesOf(date.PlusDays(1)).Select(r => (r.Start + Day, r.End + Day))]);
            var names = day.ShapedBy.Concat(ownCut ? NamesOf(date) : []).Concat(nextCut ? NamesOf(date.PlusDays(1)) : []).Distinct().ToList();
            result[date] = ([.. left.Where(r => r.Start < Day)], names);
            // A piece of the overnight tail that now starts after midnight can only be the next date's own hours.
            var pieces = left.Where(r => r.Start >= Day).Select(r => (r.Start - Day, r.End - Day)).ToList();
            if (pieces.Count > 0)
            {
                moved[date.PlusDays(1)] = (pieces, names);
            }
        }
        foreach (var (date, (pieces, names)) in moved)
        {
            if (!result.TryGetValue(date, out var entry))
            {
                var day = calendar.GetDay(date);
                result[date] = entry = ([.. WallRanges.Of(day.Hours)], [.. day.ShapedBy.Concat(names).Distinct()]);
            }
            entry.Ranges.AddRange(pieces);
        }
        return [.. result.Select(r => new DateOverride(r.Key, r.Value.Names.Count == 0 ? null : string.Join("; ", r.Value.Names), [.. WallRanges.Windows(WallRanges.Union(r.Value.Ranges))]))];
    }

    private Closure At(LocalDate date, string name)
    {
        if (!closures.TryGetValue(date, out var closure))
        {
            closures[date] = closure = new Closure();
        }
        if (!closure.Names.Contains(name))
        {
            closure.Names.Add(name);
        }
        return closure;
    }

    private List<(long Start, long End)> RangesOf(LocalDate date) =>
        closures.TryGetValue(date, out var c) ? (c.Whole ? [(0, Day)] : c.Ranges) : [];

    private List<string> NamesOf(LocalDate date) => closures.TryGetValue(date, out var c) ? c.Names : [];

    private sealed class Closure
    {
        public bool Whole { get; set; }

        public List<(long Start, long End)> Ranges { get; } = [];

        public List<string> Names { get; } = [];
    }
}
