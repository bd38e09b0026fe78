using NodaTime;
using Sla.Core.Json.Tickets;
using Sla.Core.Tickets;

namespace Sla.Core.Json.Tests.Tickets;

/// <summary>One event on its own, as a service receiving a ticket's events one at a time is sent them.</summary>
public sealed class TicketEventDocumentTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 2, 9, 5);

    public static TheoryData<string, TicketEvent> Events => new()
    {
        { """{"at":"2026-03-02T09:05:00Z","type":"agentReply"}""", TicketEvent.AgentReply(At) },
        { """{"at":"2026-03-02T12:05:00+03:00","type":"status","status":"pending"}""", TicketEvent.StatusChange(At, "pending") },
        { """{"at":"2026-03-02T09:05:00Z","type":"assigned","group":null}""", TicketEvent.AssignedTo(At, null) },
        { """{"at":"2026-03-02T09:05:00Z","type":"attribute","name":"tier","value":"gold"}""", TicketEvent.AttributeChange(At, "tier", "gold") },
        // Escapes in names, types and instants read as the text they stand for.
        { """{"\u0061t":"2026-03-02T09:05:00\u005A","\u0074ype":"agent\u0052eply"}""", TicketEvent.AgentReply(At) },
    };

    [Theory, MemberData(nameof(Events))]
    public void An_event_reads_as_it_does_in_a_ticket_line(string json, TicketEvent expected)
    {
        Assert.True(TicketDocument.TryParseEvent(json, out var read, out var error), error);
        Assert.Equal(expected, read);
        Assert.True(TicketDocument.TryParseLine($$"""{"id":"T-1","service":"email","priority":"P1","created":"2026-03-02T09:00:00Z","events":[{{json}}]}""", 1, out var ticket, out _, out _));
        Assert.Equal(expected, ticket.Events.Single());
    }

    [Theory]
    [InlineData("""{"at":"2026-03-02T09:05:00Z","type":"call"}""", "the event has an unknown type 'call': use agentReply, agentNote, customerMessage, status, priority, resolved, reopened, assigned, attribute, service.")]
    [InlineData("""{"type":"agentReply"}""", "the event: \"at\" is missing.")]
    [InlineData("""{"at":"2026-03-02T09:05:00Z","type":"status"}""", "the event (status): \"status\" is missing.")]
    [InlineData("""{"at":"2026-03-02T09:05:00Z","type":"agentReply","status":"open"}""", "the event (agentReply): 'status' is not a field of an agentReply event.")]
    [InlineData("""{"at":"2026-03-02T09:05:00Z","at":"2026-03-02T09:06:00Z","type":"agentReply"}""", "the event: 'at' is given twice: give each field once.")]
    [InlineData("""{"at":"yesterday","type":"agentReply"}""", "the event (agentReply): \"at\": 'yesterday' is not an instant: write ISO-8601 with Z or an offset, for example 2026-03-27T16:30:00Z or 2026-03-27T16:30:00+03:00.")]
    [InlineData("""[{"at":"2026-03-02T09:05:00Z","type":"agentReply"}]""", "the event is not a JSON object.")]
    [InlineData("""{"at":"2026-03-02T09:05:00Z","type":"agentReply"} {}""", "the event is not JSON at position 51: '{' is invalid after a single JSON value. Expected end of data.")]
    [InlineData("""{"at":""", "the event is not JSON at position 7: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed.")]
    public void A_bad_event_is_refused_with_a_sentence(string json, string expected)
    {
        Assert.False(TicketDocument.TryParseEvent(json, out var read, out var error));
        Assert.Null(read);
        Assert.Equal(expected, error);
    }

    public static TheoryData<TicketEvent, string> EveryKind => new()
    {
        { TicketEvent.AgentReply(At), """{"at":"2026-03-02T09:05:00Z","type":"agentReply"}""" },
        { TicketEvent.AgentNote(At), """{"at":"2026-03-02T09:05:00Z","type":"agentNote"}""" },
        { TicketEvent.CustomerMessage(At), """{"at":"2026-03-02T09:05:00Z","type":"customerMessage"}""" },
        { TicketEvent.StatusChange(At, "pending"), """{"at":"2026-03-02T09:05:00Z","type":"status","status":"pending"}""" },
        { TicketEvent.PriorityChange(At, "P1"), """{"at":"2026-03-02T09:05:00Z","type":"priority","priority":"P1"}""" },
        { TicketEvent.Resolved(At), """{"at":"2026-03-02T09:05:00Z","type":"resolved"}""" },
        { TicketEvent.Reopened(At), """{"at":"2026-03-02T09:05:00Z","type":"reopened"}""" },
        { TicketEvent.AssignedTo(At, "L2"), """{"at":"2026-03-02T09:05:00Z","type":"assigned","group":"L2"}""" },
        { TicketEvent.AssignedTo(At, null), """{"at":"2026-03-02T09:05:00Z","type":"assigned","group":null}""" },
        { TicketEvent.AttributeChange(At, "tier", "gold"), """{"at":"2026-03-02T09:05:00Z","type":"attribute","name":"tier","value":"gold"}""" },
        { TicketEvent.AttributeChange(At, "tier", null), """{"at":"2026-03-02T09:05:00Z","type":"attribute","name":"tier","value":null}""" },
        { TicketEvent.ServiceChange(At + Duration.FromNanoseconds(1500), "erp"), """{"at":"2026-03-02T09:05:00.0000015Z","type":"service","service":"erp"}""" },
        { TicketEvent.StatusChange(At, "en attente \u00e9\"\n"), """{"at":"2026-03-02T09:05:00Z","type":"status","status":"en attente é\"\n"}""" },
    };

    [Theory, MemberData(nameof(EveryKind))]
    public void An_event_is_written_in_the_form_it_is_read_from(TicketEvent e, string json)
    {
        Assert.Equal(json, TicketDocument.FormatEvent(e));
        Assert.True(TicketDocument.TryParseEvent(json, out var read, out var error), error);
        Assert.Equal(e, read);
    }

    [Fact]
    public void Formatting_a_missing_event_throws() =>
        Assert.Equal("ticketEvent", Assert.Throws<ArgumentNullException>(() => TicketDocument.FormatEvent(null!)).ParamName);

    [Fact]
    public void A_missing_text_throws() =>
        Assert.Equal("json", Assert.Throws<ArgumentNullException>(() => TicketDocument.TryParseEvent(null!, out _, out _)).ParamName);
}
