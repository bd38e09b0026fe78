using System.Collections.Immutable;
using NodaTime;

namespace Sla.Core.Calendars;

/// <summary>
/// Compiles the local months of a composite calendar (in its own zone) from its members' working intervals over
/// the same instants: one sweep over their boundaries gives the combined intervals, so a composite answers
/// queries exactly as fast as a calendar of windows. Members in other zones cover other local years; only
/// instants matter.
/// </summary>
/// <remarks>Stateless; the members it reads are immutable and thread-safe.</remarks>
internal static class CompositeYear
{
    public static CompiledYear Compile(int year, DateTimeZone zone, CalendarOperation operation, ImmutableArray<BusinessCalendar> members) =>
        CompiledYear.Create(year, zone, (month, start, end) =>
        {
            var (starts, ends) = Combine(operation, [.. members.Select(m => m.Years.WorkingIntervals(start, end))]);
            return CompiledMonth.FromIntervals(start, end, CalendarSystem.Iso.GetDaysInMonth(year, month), starts, ends,
                () => LastWorkingInstants(zone, new LocalDate(year, month, 1), starts, ends),
                () => Annotate(operation, members, [.. members.Select(m => m.Years.WorkingIntervals(start, end))], starts, ends, start, end));
        });

    /// <summary>Whether the combination is working when <paramref name="active"/> members are, <paramref name="firstActive"/> telling about the first.</summary>
    private static bool Works(CalendarOperation operation, int active, bool firstActive, int memberCount) => operation switch
    {
        CalendarOperation.Union => active > 0,
        CalendarOperation.Intersection => active == memberCount,
        _ => firstActive && active == 1,
    };

    private static (long[] Starts, long[] Ends) Combine(CalendarOperation operation, List<(long Start, long End)>[] members)
    {
        // Each member's boundaries are already in order: merge them, member by member, at each next instant.
        // position[m] counts the boundaries of member m passed (even: closed, odd: inside an interval).
        var position = new int[members.Length];
        var starts = new List<long>();
        var ends = new List<long>();
        var working = false;
        while (true)
        {
            var at = long.MaxValue;
            for (var m = 0; m < members.Length; m++)
            {
                if (position[m] < 2 * members[m].Count)
                {
                    at = Math.Min(at, Boundary(members[m], position[m]));
                }
            }
            if (at == long.MaxValue)
            {
                break;
            }
            // Every change at one instant is applied before the state is read: a member closing as another opens leaves no gap.
            var active = 0;
            for (var m = 0; m < members.Length; m++)
            {
                if (position[m] < 2 * members[m].Count && Boundary(members[m], position[m]) == at)
                {
                    position[m]++;
                }
                active += position[m] % 2;
            }
            var now = Works(operation, active, position[0] % 2 == 1, members.Length);
            if (now != working)
            {
                (now ? starts : ends).Add(at);
                working = now;
            }
        }
        return (starts.ToArray(), ends.ToArray());
    }

    private static long Boundary(List<(long Start, long End)> intervals, int position) =>
        position % 2 == 0 ? intervals[position / 2].Start : intervals[position / 2].End;

    /// <summary>
    /// Per date of the month: the end of the date's last working time, cut at the date's end (a composite's working
    /// time may run on for days: a business day still ends with its date).
    /// </summary>
    private static long[] LastWorkingInstants(DateTimeZone zone, LocalDate firstDate, long[] starts, long[] ends)
    {
        var dayCount = CalendarSystem.Iso.GetDaysInMonth(firstDate.Year, firstDate.Month);
        var lastEnds = new long[dayCount];
        var dayStart = ZoneDates.StartOfDay(zone, firstDate).ToUnixTimeTicks();
        var k = 0;
        for (var day = 0; day < dayCount; day++)
        {
            var dayEnd = ZoneDates.StartOfDay(zone, firstDate.PlusDays(day + 1)).ToUnixTimeTicks();
            while (k < ends.Length && ends[k] <= dayStart)
            {
                k++;
            }
            var last = k;
            while (last + 1 < starts.Length && starts[last + 1] < dayEnd)
            {
                last++;
            }
            lastEnds[day] = last < starts.Length && starts[last] < dayEnd && ends[last] > dayStart ? Math.Min(ends[last], dayEnd) : long.MinValue;
            dayStart = dayEnd;
        }
        return lastEnds;
    }

    /// <summary>
    /// Why the composite is closed, piece by piece (only where it is closed): each member that is closed there and has a reason gives it
    /// (a calendar of windows prefixed with its id, <c>london: Christmas Day</c>; a composite member as it
    /// says), and a calendar a difference subtracts gives its id while it is working.
    /// </summary>
    private static CompiledMonth.Annotation[] Annotate(CalendarOperation operation, ImmutableArray<BusinessCalendar> members,
        List<(long Start, long End)>[] memberIntervals, long[] starts, long[] ends, long start, long end)
    {
        var notes = members.Select(m => m.Years.AnnotationsIn(start, end)).ToArray();
        if (operation != CalendarOperation.Difference && notes.All(n => n.Count == 0))
        {
            return [];
        }
        var cuts = new SortedSet<long> { start, end };
        cuts.UnionWith(starts);
        cuts.UnionWith(ends);
        var own = starts.Zip(ends).ToList();
        var ownIndex = 0;
        for (var m = 0; m < members.Length; m++)
        {
            foreach (var note in notes[m])
            {
                cuts.Add(Math.Max(note.Start, start));
                cuts.Add(Math.Min(note.End, end));
            }
            if (notes[m].Count > 0 || (operation == CalendarOperation.Difference && m > 0))
            {
                foreach (var (s, e) in memberIntervals[m])
                {
                    cuts.Add(s);
                    cuts.Add(e);
                }
            }
        }
        var interval = new int[members.Length];
        var noteIndex = new int[members.Length];
        var pieces = new List<CompiledMonth.Annotation>();
        long? previous = null;
        foreach (var cut in cuts)
        {
            if (previous is { } from && !Covers(own, ref ownIndex, from))
            {
                var names = ImmutableArray.CreateBuilder<string>();
                for (var m = 0; m < members.Length; m++)
                {
                    var working = Covers(memberIntervals[m], ref interval[m], from);
                    if (!working && CoveringNote(notes[m], ref noteIndex[m], from) is { } reason)
                    {
                        names.AddRange(members[m].IsComposite ? reason.Names : reason.Names.Select(n => $"{members[m].Id}: {n}"));
                    }
                    else if (working && operation == CalendarOperation.Difference && m > 0)
                    {
                        names.Add(members[m].Id);
                    }
                }
                Add(pieces, from, cut, names.ToImmutable());
            }
            previous = cut;
        }
        return [.. pieces];
    }

    private static bool Covers(List<(long Start, long End)> intervals, ref int index, long at)
    {
        while (index < intervals.Count && intervals[index].End <= at)
        {
            index++;
        }
        return index < intervals.Count && intervals[index].Start <= at;
    }

    private static CompiledMonth.Annotation? CoveringNote(List<CompiledMonth.Annotation> notes, ref int index, long at)
    {
        while (index < notes.Count && notes[index].End <= at)
        {
            index++;
        }
        return index < notes.Count && notes[index].Start <= at ? notes[index] : null;
    }

    private static void Add(List<CompiledMonth.Annotation> pieces, long from, long to, ImmutableArray<string> names)
    {
        if (names.IsEmpty)
        {
            return;
        }
        if (pieces.Count > 0 && pieces[^1].End == from && pieces[^1].Names.SequenceEqual(names))
        {
            pieces[^1] = pieces[^1] with { End = to };
            return;
        }
        pieces.Add(new CompiledMonth.Annotation(from, to, names));
    }
}
