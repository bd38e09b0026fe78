using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using Sla.Core.Calendars;
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

    /// <summary>Answers every request line of <see cref="CliConsole.In"/>.</summary>
    /// <returns>0 when every line was answered, 1 when some got an error.</returns>
    public static int Run(BusinessCalendar calendar, CliConsole console)
    {
        var failed = false;
        var lineNumber = 0;
        while (console.In.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var response = Answer(calendar, line, lineNumber, out var ok);
            failed |= !ok;
            console.Out.WriteLine(response);
        }
        return failed ? ExitCodes.SomeFailed : ExitCodes.Ok;
    }

    /// <summary>Answers one request line.</summary>
    internal static string Answer(BusinessCalendar calendar, string line, int lineNumber, out bool ok)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            ok = false;
            return Write(null, [], w => w.WriteString("error", $"line {lineNumber} is not JSON: {e.Message.Split(" Path:")[0]}"));
        }
        using (document)
        {
            var request = document.RootElement;
            if (request.ValueKind != JsonValueKind.Object)
            {
                ok = false;
                return Write(null, [], w => w.WriteString("error", $"line {lineNumber} is not a JSON object."));
            }
            var op = request.TryGetProperty("op", out var opElement) && opElement.ValueKind == JsonValueKind.String ? opElement.GetString()! : null;
            var used = op is not null && FieldsByOp.TryGetValue(op, out var fields) ? fields : ["op"];
            try
            {
                Action<Utf8JsonWriter> result = op switch
                {
                    "add" => Add(calendar, request),
                    "elapsed" => Elapsed(calendar, request),
                    "businessDays" => BusinessDays(calendar, request),
                    "isWorking" => IsWorking(calendar, request),
                    null => throw new RequestException("the request has no \"op\": use add, elapsed, businessDays or isWorking."),
                    _ => throw new RequestException($"'{op}' is not an op: use add, elapsed, businessDays or isWorking."),
                };
                ok = true;
                return Write(request, used, result);
            }
            catch (Exception e) when (e is RequestException or DeadlineUnreachableException or ArgumentOutOfRangeException)
            {
                ok = false;
                var message = e is ArgumentOutOfRangeException range ? range.Message.Split(" (Parameter")[0] : e.Message;
                return Write(request, used, w => w.WriteString("error", message));
            }
        }
    }

    private static Action<Utf8JsonWriter> Add(BusinessCalendar calendar, JsonElement request)
    {
        var start = Instant(request, "start");
        var duration = Duration(request, "duration");
        var deadline = calendar.Add(start, duration);
        return w => w.WriteString("deadline", InstantText.Format(deadline));
    }

    private static Action<Utf8JsonWriter> Elapsed(BusinessCalendar calendar, JsonElement request)
    {
        var elapsed = calendar.Elapsed(Instant(request, "from"), Instant(request, "to"));
        return w =>
        {
            w.WriteString("elapsed", DurationText.Format(elapsed));
            var nanos = elapsed.ToInt64Nanoseconds();
            if (nanos % NodaConstants.NanosecondsPerSecond == 0)
            {
                w.WriteNumber("seconds", nanos / NodaConstants.NanosecondsPerSecond);
            }
            else
            {
                w.WriteNumber("seconds", (decimal)nanos / NodaConstants.NanosecondsPerSecond);
            }
        };
    }

    private static Action<Utf8JsonWriter> BusinessDays(BusinessCalendar calendar, JsonElement request)
    {
        var start = Instant(request, "start");
        if (!request.TryGetProperty("days", out var daysElement) || !daysElement.TryGetInt32(out var days) || days < 0)
        {
            throw new RequestException("\"days\" must be a whole number of working days, 0 or more.");
        }
        var target = new BusinessDays(days, Time(request, "cutoff"), Time(request, "at"));
        var deadline = calendar.AddBusinessDays(start, target);
        return w => w.WriteString("deadline", InstantText.Format(deadline));
    }

    private static Action<Utf8JsonWriter> IsWorking(BusinessCalendar calendar, JsonElement request)
    {
        var working = calendar.IsWorking(Instant(request, "at"));
        return w => w.WriteBoolean("working", working);
    }

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
