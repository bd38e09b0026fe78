using NodaTime;
using Sla.Core.Calendars;

namespace Sla.Core.Holidays.ICalendar;

/// <summary>A date's wall-clock time as tick ranges from its midnight (an overnight window's end past 24 h), and the set arithmetic on them.</summary>
internal static class WallRanges
{
    public static readonly long Day = NodaConstants.TicksPerDay;

    public static List<(long Start, long End)> Of(IEnumerable<TimeWindow> windows) =>
        [.. windows.Select(w => (w.Start.TickOfDay, w.End == LocalTime.Midnight || w.IsOvernight ? Day + w.End.TickOfDay : w.End.TickOfDay)).OrderBy(r => r.Item1)];

    /// <summary>The parts of <paramref name="ranges"/> that none of <paramref name="removed"/> covers.</summary>
    public static List<(long Start, long End)> Subtract(List<(long Start, long End)> ranges, IEnumerable<(long Start, long End)> removed)
    {
        var left = ranges;
        foreach (var (cutStart, cutEnd) in removed)
        {
            left = [.. left.SelectMany(r => new[] { (r.Start, Math.Min(r.End, cutStart)), (Math.Max(r.Start, cutEnd), r.End) }).Where(r => r.Item1 < r.Item2)];
        }
        return left;
    }

    public static long Measure(IEnumerable<(long Start, long End)> ranges) => ranges.Sum(r => r.End - r.Start);

    public static List<(long Start, long End)> Union(IEnumerable<(long Start, long End)> ranges)
    {
        var merged = new List<(long Start, long End)>();
        foreach (var range in ranges.OrderBy(r => r.Start))
        {
            if (merged.Count > 0 && range.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, range.End));
            }
            else
            {
                merged.Add(range);
            }
        }
        return merged;
    }

    /// <summary>Ranges of one date as its windows (an end past 24 h makes an overnight window).</summary>
    public static IEnumerable<TimeWindow> Windows(IEnumerable<(long Start, long End)> ranges) =>
        ranges.Select(r => new TimeWindow(LocalTime.FromTicksSinceMidnight(r.Start), LocalTime.FromTicksSinceMidnight(r.End % Day)));
}
