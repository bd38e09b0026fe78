using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Json;
using Sla.Core.Text;

namespace Sla.Cli.Calc;

/// <summary>
/// <c>sla calc</c>: batch calendar arithmetic over JSON Lines. One response line per request line, in
/// order; a request that cannot be answered gets an <c>error</c> line and the run goes on.
/// </summary>
internal static class CalcCommand
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Dictionary<string, string[]> FieldsByOp = new()
    {
        ["add"] = ["op", "start", "duration"],
        ["elapsed"] = ["op", "from", "to"],
        ["businessDays"] = ["op", "start", "days", "cutoff", "at"],
        ["isWorking"] = ["op", "at"],
    };

    private static readonly string[] AnswerFields = ["deadline", "elapsed", "seconds", "working", "error"];

    /// <summary>Answers every request line of standard input.</summary>
    /// <returns>0 when every line was answered, 1 when some got an error, 3 when answering one failed inside sla.</returns>
    public static int Run(CalendarSource calendars, CliConsole console)
    {
        var exitCode = ExitCodes.Ok;
        foreach (var (lineNumber, line, notText) in Compliance.Utf8LineBatches.TextLines(console.InputStream))
        {
            int outcome;
            string response;
            if (line is null)
            {
                outcome = ExitCodes.SomeFailed;
                response = Write(null, [], w => w.WriteString("error", notText));
            }
            else
            {
                response = Answer(calendars, line, lineNumber, out outcome);
            }
            exitCode = Math.Max(exitCode, outcome);
            console.Out.WriteLine(response);
        }
        return exitCode;
    }

    /// <summary>Answers one request line.</summary>
    /// <param name="outcome">0 when answered, 1 when the request gets an error, 3 when answering failed inside sla.</param>
    internal static string Answer(CalendarSource calendars, string line, int lineNumber, out int outcome)
    {
        using var document = JsonTree.ParseLine(line, lineNumber, out var notJson);
        if (document is null)
        {
            outcome = ExitCodes.SomeFailed;
            return Write(null, [], w => w.WriteString("error", notJson));
        }
        var request = document.RootElement;
        if (request.ValueKind != JsonValueKind.Object)
        {
            outcome = ExitCodes.SomeFailed;
            return Write(null, [], w => w.WriteString("error", $"line {lineNumber} is not a JSON object."));
        }
        var op = request.TryGetProperty("op", out var opElement) && opElement.ValueKind == JsonValueKind.String ? opElement.GetString()! : null;
        var used = op is not null && FieldsByOp.TryGetValue(op, out var fields) ? fields : ["op"];
        foreach (var property in request.EnumerateObject())
        {
            if (AnswerFields.Contains(property.Name))
            {
                // Echoed back, it would stand beside the answer's own field of that name.
                outcome = ExitCodes.SomeFailed;
                var clash = property.Name;
                return Write(request, [.. used, .. AnswerFields], w => w.WriteString("error",
                    $"'{clash}' is a field of the answer: give the request's own fields other names than {string.Join(", ", AnswerFields)}."));
            }
        }
        try
        {
            Action<Utf8JsonWriter> result = op switch
            {
                "add" => Add(calendars, request),
                "elapsed" => Elapsed(calendars, request),
                "businessDays" => BusinessDays(calendars, request),
                "isWorking" => IsWorking(calendars, request),
                null => throw new RequestException("the request has no \"op\": use add, elapsed, businessDays or isWorking."),
                _ => throw new RequestException($"'{op}' is not an op: use add, elapsed, businessDays or isWorking."),
            };
            outcome = ExitCodes.Ok;
            return Write(request, used, result);
        }
        catch (Exception e) when (e is RequestException or DeadlineUnreachableException or ArgumentOutOfRangeException)
        {
            outcome = ExitCodes.SomeFailed;
            var message = e is ArgumentOutOfRangeException range ? $"\"{range.ParamName}\": {range.Message.Split(" (Parameter")[0]}" : e.Message;
            return Write(request, used, w => w.WriteString("error", message));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A fault in sla, not in the request: this line says so, and the others are still answered.
            outcome = ExitCodes.InternalError;
            return Write(request, used, w => w.WriteString("error", ExitCodes.InternalErrorText(e)));
        }
    }

    private static Action<Utf8JsonWriter> Add(CalendarSource calendars, JsonElement request)
    {
        var start = Instant(request, "start");
        var duration = Duration(request, "duration");
        var deadline = CalendarAt(calendars, start).Add(start, duration);
        return w => w.WriteString("deadline", InstantText.Format(deadline));
    }

    private static Action<Utf8JsonWriter> Elapsed(CalendarSource calendars, JsonElement request)
    {
        var from = Instant(request, "from");
        var elapsed = CalendarAt(calendars, from).Elapsed(from, Instant(request, "to"));
        return w =>
        {
            w.WriteString("elapsed", DurationText.Format(elapsed));
            // Business time is counted in whole ticks, so ticks hold any elapsed time exactly, however long.
            var ticks = elapsed.BclCompatibleTicks;
            if (ticks % NodaConstants.TicksPerSecond == 0)
            {
                w.WriteNumber("seconds", ticks / NodaConstants.TicksPerSecond);
            }
            else
            {
                w.WriteNumber("seconds", (decimal)ticks / NodaConstants.TicksPerSecond);
            }
        };
    }

    private static Action<Utf8JsonWriter> BusinessDays(CalendarSource calendars, JsonElement request)
    {
        var start = Instant(request, "start");
        if (!request.TryGetProperty("days", out var daysElement) || daysElement.ValueKind != JsonValueKind.Number
            || !daysElement.TryGetInt32(out var days) || days is < 0 or > Core.Calendars.BusinessDays.MaxDays)
        {
            throw new RequestException($"\"days\" must be a whole number of working days from 0 to {Core.Calendars.BusinessDays.MaxDays:N0}" +
                (request.TryGetProperty("days", out var found) ? $", found {Core.Json.DocumentReader.Describe(found)}." : ", and the request has none."));
        }
        var target = new BusinessDays(days, Time(request, "cutoff"), Time(request, "at"));
        var deadline = CalendarAt(calendars, start).AddBusinessDays(start, target);
        return w => w.WriteString("deadline", InstantText.Format(deadline));
    }

    private static Action<Utf8JsonWriter> IsWorking(CalendarSource calendars, JsonElement request)
    {
        var at = Instant(request, "at");
        var working = CalendarAt(calendars, at).IsWorking(at);
        return w => w.WriteBoolean("working", working);
    }

    private static BusinessCalendar CalendarAt(CalendarSource calendars, Instant instant) =>
        calendars.At(instant, out var error) ?? throw new RequestException(error!);

    private static Instant Instant(JsonElement request, string field)
    {
        var text = String(request, field);
        return InstantText.TryParse(text, out var instant) ? instant : throw new RequestException($"\"{field}\": {InstantText.Problem(text)}");
    }

    private static Duration Duration(JsonElement request, string field)
    {
        var text = String(request, field);
        return DurationText.TryParse(text, out var duration, out var problem) ? duration : throw new RequestException($"\"{field}\": {problem}");
    }

    private static LocalTime? Time(JsonElement request, string field)
    {
        if (!request.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        var text = element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
        return TimeOfDayText.TryParse(text, out var time)
            ? time
            : throw new RequestException($"\"{field}\": '{text}' is not a local time: write HH:mm, for example 16:00.");
    }

    private static string String(JsonElement request, string field)
    {
        if (!request.TryGetProperty(field, out var element))
        {
            throw new RequestException($"the request has no \"{field}\".");
        }
        return element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new RequestException($"\"{field}\" must be a string.");
    }

    private static string Write(JsonElement? request, IReadOnlyCollection<string> used, Action<Utf8JsonWriter> result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (request is { } r)
            {
                foreach (var property in r.EnumerateObject().Where(p => !used.Contains(p.Name)))
                {
                    property.WriteTo(writer);
                }
            }
            result(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private sealed class RequestException(string message) : Exception(message);
}
