using System.Collections.Immutable;
using Sla.Core.Calendars;

namespace Sla.Core.Testing;

/// <summary>
/// What a generated composite calendar is made of: an operation over member calendars (each a
/// <see cref="CalendarSpec"/>, typically in different zones) and, optionally, a nested composite as one more
/// member. Kept beside the calendar so a failing case shrinks and prints readably.
/// </summary>
/// <param name="Operation">How the members combine.</param>
/// <param name="Members">The member calendars' specs; they are built with the ids <c>m0</c>, <c>m1</c>, ...</param>
/// <param name="Nested">A composite member (id <c>nested</c>) after the others, or <see langword="null"/>.</param>
public sealed record CompositeSpec(CalendarOperation Operation, ImmutableArray<CalendarSpec> Members, CompositeSpec? Nested)
{
    /// <summary>Gets the year the instants of a scenario cluster in: the first member's.</summary>
    public int FocusYear => Members[0].FocusYear;

    /// <summary>Builds the composite, or returns <see langword="null"/> when a member does not build or there are too few.</summary>
    /// <param name="id">The composite's id.</param>
    /// <returns>The calendar, or <see langword="null"/>.</returns>
    public BusinessCalendar? TryBuild(string id = "composite")
    {
        var built = Members.Select((spec, i) => spec.TryBuild($"m{i}")).ToList();
        if (Nested is not null)
        {
            built.Add(Nested.TryBuild("nested"));
        }
        var minimum = Operation == CalendarOperation.Difference ? 2 : 1;
        return built.Any(m => m is null) || built.Count < minimum ? null : BusinessCalendar.Compose(id, Operation, built!);
    }

    /// <summary>Smaller specs: the nested composite or a member left out, or a member shrunk.</summary>
    /// <returns>The candidates, simplest first; some may not build.</returns>
    public IEnumerable<CompositeSpec> Shrink()
    {
        if (Nested is not null)
        {
            yield return this with { Nested = null };
            foreach (var nested in Nested.Shrink())
            {
                yield return this with { Nested = nested };
            }
        }
        for (var i = Members.Length - 1; i >= 0 && Members.Length > 1; i--)
        {
            yield return this with { Members = Members.RemoveAt(i) };
        }
        for (var i = 0; i < Members.Length; i++)
        {
            foreach (var member in Members[i].Shrink())
            {
                yield return this with { Members = Members.SetItem(i, member) };
            }
        }
    }

    /// <summary>Describes the composite: the operation and each member.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"{Operation.ToString().ToLowerInvariant()}({string.Join(" | ", Members.Select((m, i) => $"m{i}: {m}"))}" +
        $"{(Nested is null ? "" : $" | nested: {Nested}")})";
}
