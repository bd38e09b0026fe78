using System.Text.Json.Nodes;
using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Json.Calendars;
using Sla.Core.Text;
using Sla.Tests.Shared;

namespace Sla.Core.Json.Tests.Calendars;

/// <summary>All 600 vectors through the C# API, with the calendars read from their documents.</summary>
public sealed class CalendarVectorTests
{
    private static readonly Dictionary<string, BusinessCalendar> Calendars = CalendarVectors.All
        .Select(v => v.Calendar).Distinct()
        .ToDictionary(id => id, id => CalendarDocument.Parse(File.ReadAllText(CalendarVectors.CalendarPath(id))));

    [Fact]
    public void Every_vector_passes_through_the_CSharp_API()
    {
        var failures = CalendarVectors.All.Select(v => CalendarVectors.Mismatch(v, Answer(Calendars[v.Calendar], v.Request))).OfType<string>().ToList();
        Assert.Equal(600, CalendarVectors.All.Count);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    private static JsonObject Answer(BusinessCalendar calendar, JsonObject request)
    {
        Instant At(string field) => InstantText.Parse(request[field]!.GetValue<string>());
        LocalTime? Time(string field) => request[field] is { } node ? TimeOfDay(node.GetValue<string>()) : null;
        switch (request["op"]!.GetValue<string>())
        {
            case "add":
                return calendar.TryAdd(At("start"), DurationText.Parse(request["duration"]!.GetValue<string>()), out var deadline)
                    ? new JsonObject { ["deadline"] = InstantText.Format(deadline) }
                    : new JsonObject { ["error"] = "unreachable" };
            case "elapsed":
                var elapsed = calendar.Elapsed(At("from"), At("to"));
                return new JsonObject { ["elapsed"] = DurationText.Format(elapsed), ["seconds"] = (long)elapsed.TotalSeconds };
            case "businessDays":
                var target = new BusinessDays(request["days"]!.GetValue<int>(), Time("cutoff"), Time("at"));
                return new JsonObject { ["deadline"] = InstantText.Format(calendar.AddBusinessDays(At("start"), target)) };
            default:
                return new JsonObject { ["working"] = calendar.IsWorking(At("at")) };
        }
    }

    private static LocalTime TimeOfDay(string text) => TimeOfDayText.TryParse(text, out var time) ? time : throw new FormatException(text);
}
