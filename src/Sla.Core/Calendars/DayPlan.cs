using System.Collections.Immutable;
using NodaTime;

namespace Sla.Core.Calendars;

/// <summary>
/// A local date's hours as ranges of wall-clock time measured from that date's midnight: starts lie in
/// [0, 24 h), ends in (0, 48 h), an end past 24 h being an overnight tail on the next date.
/// </summary>
/// <param name="Ranges">The date's hours, sorted by start, not overlapping.</param>
/// <param name="ShapedBy">The names of the rules or exception that gave the date these hours, if any.</param>
/// <param name="LosesWeeklyTime">Whether the rules or exception removed any of the weekday's weekly hours.</param>
internal readonly record struct DayPlan(ImmutableArray<WallRange> Ranges, ImmutableArray<string> ShapedBy, bool LosesWeeklyTime)
{
    public bool IsWorkingDay => !Ranges.IsEmpty;
}

/// <summary>A half-open range of wall-clock ticks from a local midnight.</summary>
/// <param name="Start">Inclusive start.</param>
/// <param name="End">Exclusive end.</param>
internal readonly record struct WallRange(long Start, long End)
{
    public static readonly long Day = NodaConstants.TicksPerDay;

    public long Length => End - Start;

    public static WallRange Of(TimeWindow window) => new(window.StartOffset.ToInt64Nanoseconds() / NodaConstants.NanosecondsPerTick, window.EndOffset.ToInt64Nanoseconds() / NodaConstants.NanosecondsPerTick);

    public static ImmutableArray<WallRange> Of(ImmutableArray<TimeWindow> windows) =>
        windows.Select(Of).OrderBy(r => r.Start).ToImmutableArray();

    /// <summary>The part of each range within [0, 24 h): what remains of a date's hours once overnight tails are cut.</summary>
    public static IEnumerable<WallRange> SameDay(IEnumerable<WallRange> ranges) =>
        ranges.Where(r => r.Start < Day).Select(r => new WallRange(r.Start, Math.Min(r.End, Day)));

    public static ImmutableArray<WallRange> Intersect(IEnumerable<WallRange> left, IEnumerable<WallRange> right)
    {
        var rights = right.ToList();
        return left
            .SelectMany(l => rights.Select(r => new WallRange(Math.Max(l.Start, r.Start), Math.Min(l.End, r.End))))
            .Where(r => r.Start < r.End)
            .OrderBy(r => r.Start)
            .ToImmutableArray();
    }

    public static long Measure(IEnumerable<WallRange> ranges) => ranges.Sum(r => r.Length);
}
