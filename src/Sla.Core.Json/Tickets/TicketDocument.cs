using System.Collections.Immutable;
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
/// <remarks>Stateless and thread-safe.</remarks>
public static class TicketDocument
{
    private static readonly string[] TicketFields = ["id", "service", "priority", "created", "events"];
    private static readonly string[] EventTypes = ["agentReply", "agentNote", "customerMessage", "status", "priority", "resolved", "reopened"];

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
        ticket = null;
        ticketId = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            error = $"line {lineNumber} is not JSON: {e.Message.Split(" Path:")[0]}";
            return false;
        }
        using (document)
        {
            ticket = Read(document.RootElement, lineNumber, ref ticketId, out error);
            return ticket is not null;
        }
    }

    private static Ticket? Read(JsonElement root, int lineNumber, ref string? id, out string? error)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = $"line {lineNumber} is not a ticket (a JSON object).";
            return null;
        }
        id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        var who = id is null ? $"line {lineNumber}" : $"ticket {id}";
        if (id is null)
        {
            error = $"{who}: the ticket has no \"id\" (a string).";
            return null;
        }
        foreach (var property in root.EnumerateObject())
        {
            if (!TicketFields.Contains(property.Name))
            {
                error = $"{who}: '{property.Name}' is not a field of a ticket; the fields are {string.Join(", ", TicketFields)}.";
                return null;
            }
        }
        if (RequiredString(root, "service", who, out var service) is { } e1)
        {
            error = e1;
            return null;
        }
        if (RequiredString(root, "priority", who, out var priority) is { } e2)
        {
            error = e2;
            return null;
        }
        if (RequiredString(root, "created", who, out var createdText) is { } e3)
        {
            error = e3;
            return null;
        }
        if (!InstantText.TryParse(createdText, out var created))
        {
            error = $"{who}: \"created\": {InstantText.Problem(createdText)}";
            return null;
        }
        var events = ImmutableArray.CreateBuilder<TicketEvent>();
        if (root.TryGetProperty("events", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                error = $"{who}: \"events\" must be a list.";
                return null;
            }
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                index++;
                if (ReadEvent(item, $"{who}: event {index}", out var ticketEvent) is { } eventError)
                {
                    error = eventError;
                    return null;
                }
                events.Add(ticketEvent!);
            }
        }
        error = null;
        return new Ticket(id, service!, priority!, created, events.ToImmutable());
    }

    private static string? ReadEvent(JsonElement item, string where, out TicketEvent? ticketEvent)
    {
        ticketEvent = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            return $"{where} is not an event (a JSON object).";
        }
        if (RequiredString(item, "type", where, out var type) is { } typeError)
        {
            return typeError;
        }
        var kindIndex = Array.IndexOf(EventTypes, type);
        if (kindIndex < 0)
        {
            return $"{where} has an unknown type '{type}': use {string.Join(", ", EventTypes)}.";
        }
        var kind = (TicketEventKind)kindIndex;
        var valueField = kind switch { TicketEventKind.Status => "status", TicketEventKind.Priority => "priority", _ => null };
        foreach (var property in item.EnumerateObject())
        {
            if (property.Name is not ("at" or "type") && property.Name != valueField)
            {
                return $"{where} ({type}): '{property.Name}' is not a field of a {type} event.";
            }
        }
        if (RequiredString(item, "at", where, out var atText) is { } atError)
        {
            return atError;
        }
        if (!InstantText.TryParse(atText, out var at))
        {
            return $"{where} ({type}): \"at\": {InstantText.Problem(atText)}";
        }
        string? value = null;
        if (valueField is not null && RequiredString(item, valueField, $"{where} ({type})", out value) is { } valueError)
        {
            return valueError;
        }
        ticketEvent = new TicketEvent(at, kind, value);
        return null;
    }

    private static string? RequiredString(JsonElement element, string field, string where, out string? value)
    {
        value = null;
        if (!element.TryGetProperty(field, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return $"{where}: \"{field}\" is missing.";
        }
        if (property.ValueKind != JsonValueKind.String)
        {
            return $"{where}: \"{field}\" must be a string, found {DocumentReader.Describe(property)}.";
        }
        value = property.GetString();
        return null;
    }
}
