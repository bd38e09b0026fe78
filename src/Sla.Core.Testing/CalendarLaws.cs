using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Sla.Core.Calendars;

namespace Sla.Core.Testing;

/// <summary>
/// Ready-made property checks for a calendar of your own (built in C# or read from your calendar file):
/// the identities of business-time arithmetic, and agreement with <see cref="ReferenceCalendar"/>, over
/// instants near its zone's transitions and its window edges and durations up to a year.
/// </summary>
/// <example>
/// <code>
/// [Fact]
/// public void Our_office_calendar_obeys_the_laws() =>
///     CalendarLaws.Verify(CalendarDocument.Parse(File.ReadAllText("office-calendar.json")));
/// </code>
/// </example>
public static class CalendarLaws
{
    /// <summary>
    /// Checks every law over generated cases; throws on the first that fails, with the law's name and the
    /// shrunk counterexample (the smallest instants and durations FsCheck found).
    /// </summary>
    /// <param name="calendar">The calendar to check.</param>
    /// <param name="fromYear">The first year to draw instants from.</param>
    /// <param name="toYear">The last year to draw instants from.</param>
    /// <param name="maxTest">How many cases per law.</param>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> is null.</exception>
    /// <exception cref="Exception">A law failed (FsCheck's exception, naming the law and the counterexample).</exception>
    public static void Verify(BusinessCalendar calendar, int fromYear = 2020, int toYear = 2035, int maxTest = 200)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var instants = Gen.Choose(fromYear, toYear).SelectMany(year => CalendarArbitraries.InstantsNear(calendar, year));
        var cases = Arb.From(
            from a in instants
            from b in instants
            from d1 in CalendarArbitraries.Durations()
            from d2 in CalendarArbitraries.Durations()
            select new LawCase(a, b, d1, d2),
            Shrink);
        var config = Config.QuickThrowOnFailure.WithMaxTest(maxTest);
        Check("Elapsed(a, Add(a, d)) == d", cases, c => !calendar.TryAdd(c.A, c.D1, out var t) || calendar.Elapsed(c.A, t) == c.D1, config);
        Check("Elapsed(Add(a, -d), a) == d", cases, c => !calendar.TryAdd(c.A, -c.D1, out var t) || calendar.Elapsed(t, c.A) == c.D1, config);
        Check("Add(Add(a, d1), d2) == Add(a, d1 + d2)", cases,
            c => !calendar.TryAdd(c.A, c.D1 + c.D2, out var once) || (calendar.TryAdd(c.A, c.D1, out var half) && calendar.TryAdd(half, c.D2, out var twice) && twice == once), config);
        Check("Elapsed(a, b) + Elapsed(b, a + d) == Elapsed(a, a + d), and 0 <= Elapsed <= wall time", cases, c =>
        {
            var end = c.A + c.D1;
            var whole = calendar.Elapsed(c.A, end);
            return calendar.Elapsed(c.A, c.B) + calendar.Elapsed(c.B, end) == whole && whole >= Duration.Zero && whole <= c.D1;
        }, config);
        Check("Add is monotone in the start and in the amount", cases, c =>
        {
            var (early, late) = c.A <= c.B ? (c.A, c.B) : (c.B, c.A);
            var (small, large) = c.D1 <= c.D2 ? (c.D1, c.D2) : (c.D2, c.D1);
            return (!calendar.TryAdd(early, small, out var x) || !calendar.TryAdd(late, small, out var y) || x <= y)
                && (!calendar.TryAdd(early, large, out var far) || (calendar.TryAdd(early, small, out var near) && near <= far));
        }, config);
        Check("a positive Add lands on working time or the end of a working stretch", cases,
            c => c.D1 == Duration.Zero || !calendar.TryAdd(c.A, c.D1, out var t) || calendar.IsWorking(t) || calendar.IsWorking(t - Duration.FromTicks(1)), config);
        Check("IsWorking and Elapsed agree with the minute-by-minute reference over three days", cases, c =>
        {
            var start = Instant.FromUnixTimeSeconds(c.A.ToUnixTimeSeconds() / 60 * 60);
            var end = start + Duration.FromMinutes((long)Math.Min(c.D1.TotalMinutes, 3 * 24 * 60));
            return calendar.Elapsed(start, end) == new ReferenceCalendar(calendar).Elapsed(start, end);
        }, config.WithMaxTest(Math.Max(1, maxTest / 4)));
    }

    private static void Check(string law, Arbitrary<LawCase> cases, Func<LawCase, bool> holds, Config config) =>
        Prop.ForAll(cases, c => holds(c).Label(law)).Check(config.WithName(law));

    private static IEnumerable<LawCase> Shrink(LawCase c)
    {
        if (c.D1 != Duration.Zero)
        {
            yield return c with { D1 = Duration.FromMinutes((long)(c.D1.TotalMinutes / 2)) };
        }
        if (c.D2 != Duration.Zero)
        {
            yield return c with { D2 = Duration.FromMinutes((long)(c.D2.TotalMinutes / 2)) };
        }
        if (c.B != c.A)
        {
            yield return c with { B = c.A };
        }
    }

    /// <summary>One case of the laws: two instants and two durations.</summary>
    /// <param name="A">The first instant.</param>
    /// <param name="B">The second instant.</param>
    /// <param name="D1">The first duration.</param>
    /// <param name="D2">The second duration.</param>
    private sealed record LawCase(Instant A, Instant B, Duration D1, Duration D2)
    {
        public override string ToString() => $"a={A}, b={B}, d1={Text.DurationText.Format(D1)}, d2={Text.DurationText.Format(D2)}";
    }
}
