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
    private static readonly string[] TicketFields = ["id", "service", "priority", "created", "events"];
    private static readonly string[] EventFields = ["at", "type", "status", "priority", "group"];
    private static readonly string[] EventTypes = ["agentReply", "agentNote", "customerMessage", "status", "priority", "resolved", "reopened", "assigned"];

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
            _ when fields.Id is null => $"line {lineNumber}: the ticket has no \"id\" (a string).",
            { } problem => $"ticket {fields.Id}: {problem}",
            null => Check(ref fields, out ticket),
        };
        return error is null;
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
            var name = reader.GetString()!;
            reader.Read();
            var field = Array.IndexOf(TicketFields, name);
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
            string? at = null, type = null, status = null, priority = null, group = null, extra = null, wrongType = null, twice = null;
            var seen = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                var field = Array.IndexOf(EventFields, name);
                if (field >= 0 && (seen & (1 << field)) != 0)
                {
                    twice ??= name;
                }
                seen |= field >= 0 ? 1 << field : 0;
                string? value = null;
                if (reader.TokenType == JsonTokenType.String)
                {
                    value = reader.GetString();
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    wrongType ??= $"\"{name}\" must be a string, found {Describe(ref reader)}.";
                    reader.Skip();
                }
                switch (name)
                {
                    case "at": at = value; break;
                    case "type": type = value; break;
                    case "status": status = value; break;
                    case "priority": priority = value; break;
                    case "group": group = value; break;
                    default: extra ??= name; break;
                }
            }
            if (problem is null && twice is not null)
            {
                problem = $"event {index}: '{twice}' is given twice: give each field once.";
            }
            if (problem is null)
            {
                var hasGroup = (seen & (1 << Array.IndexOf(EventFields, "group"))) != 0;
                problem = MakeEvent(index, at, type, status, priority, (group, hasGroup), extra, wrongType, out var made);
                if (made is not null)
                {
                    events.Add(made);
                }
            }
        }
        fields.Events = events.ToImmutable();
        fields.HasEvents = true;
        return problem;
    }

    private static string? MakeEvent(int index, string? atText, string? type, string? status, string? priority, (string? Value, bool Given) group,
        string? extra, string? wrongType, out TicketEvent? made)
    {
        made = null;
        var where = $"event {index}";
        if (type is null)
        {
            return wrongType is not null && wrongType.StartsWith("\"type\"", StringComparison.Ordinal) ? $"{where}: {wrongType}" : $"{where}: \"type\" is missing.";
        }
        var kindIndex = Array.IndexOf(EventTypes, type);
        if (kindIndex < 0)
        {
            return $"{where} has an unknown type '{type}': use {string.Join(", ", EventTypes)}.";
        }
        var kind = (TicketEventKind)kindIndex;
        var valueField = kind switch { TicketEventKind.Status => "status", TicketEventKind.Priority => "priority", _ => null };
        var stray = extra ?? (status is not null && valueField != "status" ? "status" : priority is not null && valueField != "priority" ? "priority"
            : group.Given && kind != TicketEventKind.Assigned ? "group" : null);
        if (stray is not null)
        {
            return $"{where} ({type}): '{stray}' is not a field of {("aeiou".Contains(type[0], StringComparison.Ordinal) ? "an" : "a")} {type} event.";
        }
        if (wrongType is not null)
        {
            return $"{where} ({type}): {wrongType}";
        }
        if (atText is null)
        {
            return $"{where}: \"at\" is missing.";
        }
        if (!InstantText.TryParse(atText, out var at))
        {
            return $"{where} ({type}): \"at\": {InstantText.Problem(atText)}";
        }
        var value = kind switch { TicketEventKind.Status => status, TicketEventKind.Priority => priority, TicketEventKind.Assigned => group.Value, _ => null };
        if (valueField is not null && value is null)
        {
            return $"{where} ({type}): \"{valueField}\" is missing.";
        }
        if (kind == TicketEventKind.Assigned && !group.Given)
        {
            return $"{where} ({type}): \"group\" is missing (null for no group).";
        }
        if (kind == TicketEventKind.Assigned && group.Value is { } named && string.IsNullOrWhiteSpace(named))
        {
            return $"{where} ({type}): \"group\" is empty: name the group, or null for no group.";
        }
        made = new TicketEvent(at, kind, value);
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
        ticket = new Ticket(fields.Id!, fields.Service, fields.Priority, created, fields.HasEvents ? fields.Events : []);
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
}
