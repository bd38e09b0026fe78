using System.Text.RegularExpressions;
using NodaTime;
using Sla.Core.Text;
using Sla.Core.Tickets;

namespace HelpDesk.Storage;

/// <summary>
/// What this desk accepts beyond what the library checks: ids it can address, instants it can store exactly, and
/// events recorded as they happen. Each rule answers with the sentence a client is shown, or <see langword="null"/>.
/// </summary>
public static partial class DeskRules
{
    /// <summary>The longest ticket id: enough for any other system's ids, short enough for a URL and an index.</summary>
    public const int LongestId = 100;

    /// <summary>The most events one ticket keeps: far beyond a real ticket's, short of one that makes every read slow.</summary>
    public const int MostEvents = 10_000;

    /// <summary>
    /// Why a ticket id cannot be used, or <see langword="null"/>. An id is one segment of <c>/tickets/{id}</c>, so it
    /// must read back as itself: no slash, space, control character or letter that needs escaping, and not <c>due</c>
    /// (the address of the due-soon list).
    /// </summary>
    public static string? IdProblem(string id) => id switch
    {
        // Routes match their fixed segments whatever the case.
        _ when id.Equals("due", StringComparison.OrdinalIgnoreCase) => $"ticket id '{id}' is the address of the due-soon list (/tickets/due): choose another id.",
        _ when !AddressableId().IsMatch(id) => $"ticket id {Quote(id)} cannot be part of an address (/tickets/{{id}}): use 1 to {LongestId} " +
            "letters (A-Z, a-z), digits, '-', '_', '.' and ':', starting with a letter or digit.",
        _ => null,
    };

    /// <summary>
    /// Why the desk cannot keep a ticket as it would stand after a write, or <see langword="null"/>: too many events, an instant
    /// it cannot store exactly, or one after <paramref name="now"/>. Creating and appending both ask this.
    /// </summary>
    public static string? KeepProblem(Ticket ticket, Instant now) => SizeProblem(ticket) ?? PrecisionProblem(ticket) ?? FutureProblem(ticket, now);

    /// <summary>
    /// Why a ticket's instants cannot be stored exactly, or <see langword="null"/>: the desk keeps microseconds (PostgreSQL's
    /// precision), and a finer instant would come back changed.
    /// </summary>
    private static string? PrecisionProblem(Ticket ticket) =>
        FinerThanAMicrosecond(ticket.Created) ? Finer(ticket.Id, ticket.Created)
        : ticket.Events.FirstOrDefault(e => FinerThanAMicrosecond(e.At)) is { } e ? Finer(ticket.Id, e.At) : null;

    /// <summary>
    /// Why a ticket or its last event is dated after <paramref name="now"/>, or <see langword="null"/>. The library leaves events
    /// after "now" out of an evaluation; a desk that records events as they happen refuses them, since they are a client's clock
    /// running ahead (and would be judged only later, unchecked until then).
    /// </summary>
    private static string? FutureProblem(Ticket ticket, Instant now) =>
        ticket.Created > now ? $"ticket {ticket.Id} is created at {InstantText.Format(ticket.Created)}, after now ({InstantText.Format(now)}): record tickets as they arrive."
        : ticket.Events.Length > 0 && ticket.Events[^1].At > now
            ? $"ticket {ticket.Id}: the event ({Ticket.Describe(ticket.Events[^1])}) is after now ({InstantText.Format(now)}): record events as they happen."
            : null;

    /// <summary>Why a ticket has more events than this desk keeps, or <see langword="null"/>.</summary>
    private static string? SizeProblem(Ticket ticket) => ticket.Events.Length > MostEvents
        ? $"ticket {ticket.Id} would have {ticket.Events.Length:N0} events; this desk keeps at most {MostEvents:N0} per ticket."
        : null;

    /// <summary>An instant as the desk stores it: to the microsecond, so both databases give back the same.</summary>
    public static Instant ToMicroseconds(Instant instant) => instant - Duration.FromNanoseconds(instant.InUtc().NanosecondOfSecond % 1000);

    private static bool FinerThanAMicrosecond(Instant instant) => instant.InUtc().NanosecondOfSecond % 1000 != 0;

    private static string Finer(string id, Instant instant) =>
        $"ticket {id}: {InstantText.Format(instant)} is finer than a microsecond, the finest instant this desk stores.";

    // Control characters and non-ASCII letters are shown as escapes, so the sentence itself is readable and safe to log.
    private static string Quote(string id) =>
        "'" + string.Concat(id.Take(LongestId + 1).Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:x4}")) + (id.Length > LongestId + 1 ? "..." : "") + "'";

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}\z")]
    private static partial Regex AddressableId();
}
