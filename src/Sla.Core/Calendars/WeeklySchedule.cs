using System.Collections.Immutable;
using NodaTime;

namespace Sla.Core.Calendars;

/// <summary>
/// The working windows of each ISO weekday, in local wall-clock time. A weekday with no windows is closed.
/// </summary>
/// <remarks>Immutable and safe to share between threads.</remarks>
public sealed class WeeklySchedule
{
    private readonly ImmutableArray<ImmutableArray<TimeWindow>> days;

    internal WeeklySchedule(ImmutableArray<ImmutableArray<TimeWindow>> days)
    {
        this.days = days;
    }

    /// <summary>Gets a schedule open on every day from 00:00 to 24:00.</summary>
    public static WeeklySchedule AlwaysOpen { get; } = new(
        Enumerable.Repeat(ImmutableArray.Create(new TimeWindow(LocalTime.Midnight, LocalTime.Midnight)), 7).ToImmutableArray());

    /// <summary>Gets a schedule with no windows on any day.</summary>
    public static WeeklySchedule Closed { get; } = new(Enumerable.Repeat(ImmutableArray<TimeWindow>.Empty, 7).ToImmutableArray());

    /// <summary>Gets a value indicating whether no weekday has any window.</summary>
    public bool IsEmpty => days.All(d => d.IsEmpty);

    /// <summary>Gets the windows of a weekday, in the order they were given.</summary>
    /// <param name="weekday">The ISO weekday.</param>
    /// <returns>The windows; empty when the weekday is closed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weekday"/> is not Monday to Sunday.</exception>
    public ImmutableArray<TimeWindow> this[IsoDayOfWeek weekday]
    {
        get
        {
            if (weekday is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
            {
                throw new ArgumentOutOfRangeException(nameof(weekday), weekday, "Expected an ISO weekday, Monday to Sunday.");
            }
            return days[(int)weekday - 1];
        }
    }

    /// <summary>Describes the week for people, runs of days with the same hours together: <c>Mon-Thu 09:00-17:30; Fri 09:00-16:00</c>.</summary>
    /// <returns>The description; <c>closed</c> for an empty schedule.</returns>
    public override string ToString()
    {
        var runs = new List<string>();
        for (var first = 0; first < 7;)
        {
            var last = first;
            while (last + 1 < 7 && days[last + 1].SequenceEqual(days[first]))
            {
                last++;
            }
            if (!days[first].IsEmpty)
            {
                var span = first == last ? Short(first) : $"{Short(first)}-{Short(last)}";
                runs.Add($"{span} {string.Join(", ", days[first])}");
            }
            first = last + 1;
        }
        return runs.Count == 0 ? "closed" : string.Join("; ", runs);

        static string Short(int day) => ((IsoDayOfWeek)(day + 1)).ToString()[..3];
    }

    /// <summary>Gets the wall-clock working time of a whole week (ignoring DST shifts).</summary>
    public Duration WeeklyWallClockTotal =>
        days.SelectMany(d => d).Aggregate(Duration.Zero, (total, window) => total + window.WallClockLength);
}
