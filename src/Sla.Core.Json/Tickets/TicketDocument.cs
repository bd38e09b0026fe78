using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using NodaTime;
using Sla.Core.Text;
using Sla.Core.Tickets;

namespace Sla.Core.Json.Tickets;

/// <summary>
/// Reads tickets from JSON Lines (formats.md, "Ticket"): one ticket object a line, with its event log.
/// A line that cannot be read gives a sentence naming the line, the ticket (when its id could be read)
/// and the event.
/// </summary>
/// <remarks>
/// Stateless and thread-safe. Reads with a forward-only <see cref="Utf8JsonReader"/>, without building a
/// document, because <c>sla evaluate</c> reads millions of lines.
/// </remarks>
public static class TicketDocument
{
    private static readonly string[] TicketFields = ["id", "service", "priority", "created", "attributes", "events"];
    private static readonly string[] EventFields = ["at", "type", "status", "priority", "group", "name", "value", "service"];
    // In the order of TicketEventKind.
    private static readonly string[] EventTypes = ["agentReply", "agentNote", "customerMessage", "status", "priority", "resolved", "reopened", "assigned", "attribute", "service"];
    // The same as bytes: a line's field names and event types are matched without making a string of each.
    private static readonly byte[][] TicketFieldsUtf8 = [.. TicketFields.Select(Encoding.UTF8.GetBytes)];
    private static readonly byte[][] EventFieldsUtf8 = [.. EventFields.Select(Encoding.UTF8.GetBytes)];
    private static readonly byte[][] EventTypesUtf8 = [.. EventTypes.Select(Encoding.UTF8.GetBytes)];

    /// <summary>Reads one line.</summary>
    /// <param name="line">The line's text.</param>
    /// <param name="lineNumber">Its 1-based number, for messages.</param>
    /// <param name="ticket">The ticket, when the line is valid.</param>
    /// <param name="ticketId">The ticket's id when it could be read (also on error), otherwise <see langword="null"/>.</param>
    /// <param name="error">Why the line cannot be read, otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the line holds a ticket.</returns>
    public static bool TryParseLine(string line, int lineNumber, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Ticket? ticket, out string? ticketId, out string? error)
    {
        ArgumentNullException.ThrowIfNull(line);
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(line.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(line, buffer);
            return TryParseLine(buffer.AsSpan(0, length), lineNumber, out ticket, out ticketId, out error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads one line of UTF-8.</summary>
    /// <param name="utf8Line">The line's bytes, without its line break.</param>
    /// <param name="lineNumber">Its 1-based number, for messages.</param>
    /// <param name="ticket">The ticket, when the line is valid.</param>
    /// <param name="ticketId">The ticket's id when it could be read (also on error), otherwise <see langword="null"/>.</param>
    /// <param name="error">Why the line cannot be read, otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the line holds a ticket.</returns>
    public static bool TryParseLine(ReadOnlySpan<byte> utf8Line, int lineNumber, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Ticket? ticket, out string? ticketId, out string? error)
    {
        ticket = null;
        var fields = new TicketFieldsRead();
        string? firstProblem;
        if (Utf8Lines.FirstInvalidByte(utf8Line) is { } invalid)
        {
            ticketId = null;
            error = Utf8Lines.NotUtf8(lineNumber, invalid);
            return false;
        }
        try
        {
            var reader = new Utf8JsonReader(utf8Line);
            firstProblem = ReadTicket(ref reader, ref fields);
            // A syntax error anywhere in the line wins over what the fields say.
            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            ticketId = null;
            error = JsonTree.NotJson(lineNumber, e);
            return false;
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader.GetString's way to say an escape makes no text (a lone surrogate such as \ud800).
            ticketId = fields.Id;
            error = $"line {lineNumber}: {JsonTree.NotText("A string")}";
            return false;
        }
        ticketId = fields.Id;
        error = firstProblem switch
        {
            NotAnObject => $"line {lineNumber} is not a ticket (a JSON object).",
            // An id of the wrong type is said as such; any other problem waits until the line has an id to name it by.
            _ when fields.Id is null => $"line {lineNumber}: {(firstProblem is { } idProblem && idProblem.StartsWith("\"id\" ", StringComparison.Ordinal) ? idProblem : "the ticket has no \"id\" (a string).")}",
            { } problem => $"ticket {fields.Id}: {problem}",
            null => Check(ref fields, out ticket),
        };
        return error is null;
    }

    /// <summary>
    /// Writes one event in the form a ticket's <c>events</c> list holds it, the inverse of <see cref="TryParseEvent"/>:
    /// <c>{"at":"2026-03-02T09:30:00Z","type":"status","status":"pending"}</c>. A host shows a ticket's events this way
    /// so a client can send them back as they are.
    /// </summary>
    /// <param name="ticketEvent">The event.</param>
    /// <returns>The event's JSON text, on one line.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ticketEvent"/> is <see langword="null"/>.</exception>
    public static string FormatEvent(TicketEvent ticketEvent)
    {
        ArgumentNullException.ThrowIfNull(ticketEvent);
        var buffer = new ArrayBufferWriter<byte>(96);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("at", InstantText.Format(ticketEvent.At));
            writer.WriteString("type", EventTypes[(int)ticketEvent.Kind]);
            switch (ticketEvent.Kind)
            {
                case TicketEventKind.Status or TicketEventKind.Priority or TicketEventKind.Service:
                    writer.WriteString(EventTypes[(int)ticketEvent.Kind], ticketEvent.Value);
                    break;
                case TicketEventKind.Assigned:
                    writer.WriteString("group", ticketEvent.Value);
                    break;
                case TicketEventKind.Attribute:
                    writer.WriteString("name", ticketEvent.Name);
                    writer.WriteString("value", ticketEvent.Value);
                    break;
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Reads one event on its own, in the form a ticket's <c>events</c> list holds it (such as
    /// <c>{"at": "2026-03-02T09:30:00Z", "type": "status", "status": "pending"}</c>): what a service that receives a
    /// ticket's events one at a time is sent.
    /// </summary>
    /// <param name="json">The event's JSON text.</param>
    /// <param name="ticketEvent">The event, when the text is valid.</param>
    /// <param name="error">Why the text is not an event (a sentence), otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the text holds an event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    public static bool TryParseEvent(string json, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TicketEvent? ticketEvent, out string? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        ticketEvent = null;
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                while (reader.Read())
                {
                }
                error = "the event is not a JSON object.";
                return false;
            }
            var made = ReadEvent(ref reader, 0, out error);
            while (reader.Read())
            {
            }
            ticketEvent = error is null ? made : null;
            return ticketEvent is not null;
        }
        catch (JsonException e)
        {
            error = $"the event is not JSON{(e.BytePositionInLine is { } at ? $" at position {at + 1}" : "")}: {JsonTree.Reason(e)}";
            return false;
        }
        catch (InvalidOperationException)
        {
            error = $"the event: {JsonTree.NotText("A string")}";
            return false;
        }
    }

    private static string? ReadTicket(ref Utf8JsonReader reader, ref TicketFieldsRead fields)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return NotAnObject;
        }
        string? problem = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = IndexOfText(ref reader, TicketFieldsUtf8);
            var name = field >= 0 ? TicketFields[field] : reader.GetString()!;
            reader.Read();
            if (field >= 0 && (seen & (1 << field)) != 0)
            {
                problem ??= $"'{name}' is given twice: give each field once.";
            }
            seen |= field >= 0 ? 1 << field : 0;
            switch (name)
            {
                case "id" or "service" or "priority" or "created":
                    var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    if (value is null && reader.TokenType != JsonTokenType.Null)
                    {
                        problem ??= $"\"{name}\" must be a string, found {Describe(ref reader)}.";
                        reader.Skip();
                    }
                    fields.Set(name, value);
                    break;
                case "attributes":
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        problem ??= ReadAttributes(ref reader, ref fields);
                    }
                    else if (reader.TokenType != JsonTokenType.Null)
                    {
                        problem ??= $"\"attributes\" must be an object of names to text values, such as {{\"tier\": \"gold\"}}, found {Describe(ref reader)}.";
                        reader.Skip();
                    }
                    break;
                case "events":
                    if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        problem ??= ReadEvents(ref reader, ref fields);
                    }
                    else if (reader.TokenType != JsonTokenType.Null)
                    {
                        problem ??= "\"events\" must be a list.";
                        reader.Skip();
                    }
                    break;
                default:
                    problem ??= $"'{name}' is not a field of a ticket; the fields are {string.Join(", ", TicketFields)}.";
                    reader.Skip();
                    break;
            }
        }
        return problem;
    }

    private static string? ReadAttributes(ref Utf8JsonReader reader, ref TicketFieldsRead fields)
    {
        string? problem = null;
        var attributes = new List<KeyValuePair<string, string>>();
        // Duplicates are found in one pass whatever the count: a hostile line may hold a hundred thousand names.
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                problem ??= reader.TokenType == JsonTokenType.Null
                    ? $"attribute '{name}' is null: leave it out when the ticket does not have it."
                    : $"attribute '{name}' must be text, found {Describe(ref reader)}.";
                reader.Skip();
                continue;
            }
            if (string.IsNullOrWhiteSpace(name))
            {
                problem ??= "an attribute has an empty name.";
            }
            else if (!names.Add(name))
            {
                problem ??= $"attribute '{name}' is given twice: give each attribute once.";
            }
            else
            {
                attributes.Add(new(name, reader.GetString()!));
            }
        }
        fields.Attributes = TicketAttributes.Wrap([.. attributes]);
        return problem;
    }

    private static string? ReadEvents(ref Utf8JsonReader reader, ref TicketFieldsRead fields)
    {
        string? problem = null;
        var events = ImmutableArray.CreateBuilder<TicketEvent>();
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            index++;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                problem ??= $"event {index} is not an event (a JSON object).";
                reader.Skip();
                continue;
            }
            var made = ReadEvent(ref reader, index, out var eventProblem);
            problem ??= eventProblem;
            if (made is not null)
            {
                events.Add(made);
            }
        }
        fields.Events = events.ToImmutable();
        fields.HasEvents = true;
        return problem;
    }

    /// <summary>Reads one event object, the reader on its start; <paramref name="index"/> (from 1, or 0 for an event on its own) names it in a problem.</summary>
    private static TicketEvent? ReadEvent(ref Utf8JsonReader reader, int index, out string? problem)
    {
        string? at = null, type = null, status = null, priority = null, group = null, attribute = null, value = null, service = null;
        string? extra = null, wrongType = null, twice = null;
        Instant? quickAt = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = IndexOfText(ref reader, EventFieldsUtf8);
            var name = field >= 0 ? EventFields[field] : reader.GetString()!;
            reader.Read();
            if (field >= 0 && (seen & (1 << field)) != 0)
            {
                twice ??= name;
            }
            seen |= field >= 0 ? 1 << field : 0;
            // Nearly every event's instant is in the common form: read it from the bytes, without a string.
            if (field == 0 && reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && InstantText.TryParseUtcSeconds(reader.ValueSpan, out var quick))
            {
                (at, quickAt) = (null, quick);
                continue;
            }
            if (field == 1 && reader.TokenType == JsonTokenType.String && IndexOfText(ref reader, EventTypesUtf8) is >= 0 and var kind)
            {
                type = EventTypes[kind];
                continue;
            }
            string? text = null;
            if (reader.TokenType == JsonTokenType.String)
            {
                text = reader.GetString();
            }
            else if (reader.TokenType != JsonTokenType.Null)
            {
                wrongType ??= $"\"{name}\" must be a string, found {Describe(ref reader)}.";
                reader.Skip();
            }
            switch (name)
            {
                case "at": (at, quickAt) = (text, null); break;
                case "type": type = text; break;
                case "status": status = text; break;
                case "priority": priority = text; break;
                case "group": group = text; break;
                case "name": attribute = text; break;
                case "value": value = text; break;
                case "service": service = text; break;
                default: extra ??= name; break;
            }
        }
        if (twice is not null)
        {
            problem = $"{Where(index)}: '{twice}' is given twice: give each field once.";
            return null;
        }
        var given = new EventFieldsRead(status, priority, (group, Given(seen, "group")), attribute, (value, Given(seen, "value")), service);
        problem = MakeEvent(index, quickAt, at, type, given, extra, wrongType, out var made);
        return made;

        static bool Given(int seen, string field) => (seen & (1 << Array.IndexOf(EventFields, field))) != 0;
    }

    /// <summary>The index of the current name or string among <paramref name="known"/> (escapes read as text), or -1.</summary>
    private static int IndexOfText(ref Utf8JsonReader reader, byte[][] known)
    {
        for (var i = 0; i < known.Length; i++)
        {
            if (reader.ValueTextEquals(known[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private static string Where(int index) => index == 0 ? "the event" : $"event {index}";

    private static string? MakeEvent(int index, Instant? quickAt, string? atText, string? type, EventFieldsRead fields, string? extra, string? wrongType, out TicketEvent? made)
    {
        made = null;
        if (type is null)
        {
            return wrongType is not null && wrongType.StartsWith("\"type\"", StringComparison.Ordinal) ? $"{Where(index)}: {wrongType}" : $"{Where(index)}: \"type\" is missing.";
        }
        var kindIndex = Array.IndexOf(EventTypes, type);
        if (kindIndex < 0)
        {
            return $"{Where(index)} has an unknown type '{type}': use {string.Join(", ", EventTypes)}.";
        }
        var kind = (TicketEventKind)kindIndex;
        var stray = extra ?? fields.Stray(kind);
        if (stray is not null)
        {
            return $"{Where(index)} ({type}): '{stray}' is not a field of {("aeiou".Contains(type[0], StringComparison.Ordinal) ? "an" : "a")} {type} event.";
        }
        if (wrongType is not null)
        {
            return $"{Where(index)} ({type}): {wrongType}";
        }
        if (quickAt is null && atText is null)
        {
            return $"{Where(index)}: \"at\" is missing.";
        }
        var at = quickAt.GetValueOrDefault();
        if (quickAt is null && !InstantText.TryParse(atText, out at))
        {
            return $"{Where(index)} ({type}): \"at\": {InstantText.Problem(atText)}";
        }
        var valueField = kind switch { TicketEventKind.Status => "status", TicketEventKind.Priority => "priority", TicketEventKind.Service => "service", _ => null };
        var value = kind switch
        {
            TicketEventKind.Status => fields.Status,
            TicketEventKind.Priority => fields.Priority,
            TicketEventKind.Service => fields.Service,
            TicketEventKind.Assigned => fields.Group.Value,
            TicketEventKind.Attribute => fields.Value.Value,
            _ => null,
        };
        if (valueField is not null && value is null)
        {
            return $"{Where(index)} ({type}): \"{valueField}\" is missing.";
        }
        if (kind == TicketEventKind.Assigned && !fields.Group.Given)
        {
            return $"{Where(index)} ({type}): \"group\" is missing (null for no group).";
        }
        if (kind == TicketEventKind.Assigned && value is { } named && string.IsNullOrWhiteSpace(named))
        {
            return $"{Where(index)} ({type}): \"group\" is empty: name the group, or null for no group.";
        }
        if (kind == TicketEventKind.Attribute && string.IsNullOrWhiteSpace(fields.Name))
        {
            return fields.Name is null ? $"{Where(index)} ({type}): \"name\" is missing: name the attribute, such as tier." : $"{Where(index)} ({type}): \"name\" is empty: name the attribute, such as tier.";
        }
        if (kind == TicketEventKind.Attribute && !fields.Value.Given)
        {
            return $"{Where(index)} ({type}): \"value\" is missing (null removes the attribute).";
        }
        made = new TicketEvent(at, kind, value, kind == TicketEventKind.Attribute ? fields.Name : null);
        return null;
    }

    private static string? Check(ref TicketFieldsRead fields, out Ticket? ticket)
    {
        ticket = null;
        var who = $"ticket {fields.Id}";
        if (fields.Service is null)
        {
            return $"{who}: \"service\" is missing.";
        }
        if (fields.Priority is null)
        {
            return $"{who}: \"priority\" is missing.";
        }
        if (fields.Created is null)
        {
            return $"{who}: \"created\" is missing.";
        }
        if (!InstantText.TryParse(fields.Created, out var created))
        {
            return $"{who}: \"created\": {InstantText.Problem(fields.Created)}";
        }
        ticket = new Ticket(fields.Id!, fields.Service, fields.Priority, created, fields.HasEvents ? fields.Events : [],
            fields.Attributes ?? TicketAttributes.Empty);
        return null;
    }

    private const string NotAnObject = "\u0000not an object";

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "a list",
        JsonTokenType.Number => $"the number {Encoding.UTF8.GetString(reader.ValueSpan)}",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.String => "a string",
        _ => "null",
    };

    private struct TicketFieldsRead
    {
        public string? Id;
        public string? Service;
        public string? Priority;
        public string? Created;
        public ImmutableArray<TicketEvent> Events;
        public bool HasEvents;
        public TicketAttributes? Attributes;

        public void Set(string name, string? value)
        {
            switch (name)
            {
                case "id": Id = value; break;
                case "service": Service = value; break;
                case "priority": Priority = value; break;
                default: Created = value; break;
            }
        }
    }

    /// <summary>The fields of an event besides its type and instant, as read (each kind of event uses some of them).</summary>
    private readonly record struct EventFieldsRead(string? Status, string? Priority, (string? Value, bool Given) Group, string? Name,
        (string? Value, bool Given) Value, string? Service)
    {
        /// <summary>A field given that the kind of event does not use, or <see langword="null"/>.</summary>
        public string? Stray(TicketEventKind kind) =>
            Status is not null && kind != TicketEventKind.Status ? "status"
            : Priority is not null && kind != TicketEventKind.Priority ? "priority"
            : Group.Given && kind != TicketEventKind.Assigned ? "group"
            : Name is not null && kind != TicketEventKind.Attribute ? "name"
            : Value.Given && kind != TicketEventKind.Attribute ? "value"
            : Service is not null && kind != TicketEventKind.Service ? "service"
            : null;
    }
}
