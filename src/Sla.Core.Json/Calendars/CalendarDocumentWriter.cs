using System.Text.Json;
using NodaTime;
using Sla.Core.Calendars;

namespace Sla.Core.Json.Calendars;

/// <summary>Writes a calendar in the calendar-document shape (formats.md), so reading it back gives the same calendar.</summary>
internal static class CalendarDocumentWriter
{
    private static readonly string[] WeekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>
    /// Writes a calendar as a document of its own: one object, or for a composite a list of every calendar it is
    /// built from, members before the calendars built on them, ending with the composite.
    /// </summary>
    public static void WriteDocument(Utf8JsonWriter writer, BusinessCalendar calendar)
    {
        if (!calendar.IsComposite)
        {
            Write(writer, calendar);
            return;
        }
        writer.WriteStartArray();
        foreach (var needed in MembersFirst(calendar).Distinct().Where(c => !c.IsAlwaysOpen))
        {
            Write(writer, needed);
        }
        writer.WriteEndArray();
    }

    private static IEnumerable<BusinessCalendar> MembersFirst(BusinessCalendar calendar) =>
        calendar.Members.SelectMany(MembersFirst).Append(calendar);

    /// <summary>Writes one calendar object; a composite names its members by id, as in a policy version's list.</summary>
    public static void Write(Utf8JsonWriter writer, BusinessCalendar calendar)
    {
        writer.WriteStartObject();
        writer.WriteString("id", calendar.Id);
        if (calendar.Operation is { } operation)
        {
            if (calendar.Zone != calendar.Members[0].Zone)
            {
                writer.WriteString("timeZone", calendar.Zone.Id);
            }
            writer.WriteStartArray(operation switch { CalendarOperation.Union => "union", CalendarOperation.Intersection => "intersection", _ => "difference" });
            foreach (var member in calendar.Members)
            {
                writer.WriteStringValue(member.Id);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            return;
        }
        writer.WriteString("timeZone", calendar.Zone.Id);
        writer.WriteStartObject("weekly");
        for (var day = 0; day < 7; day++)
        {
            var windows = calendar.Weekly[(IsoDayOfWeek)(day + 1)];
            if (!windows.IsEmpty)
            {
                WriteWindows(writer, WeekdayNames[day], windows);
            }
        }
        writer.WriteEndObject();
        if (!calendar.Rules.IsEmpty)
        {
            writer.WriteStartArray("rules");
            foreach (var rule in calendar.Rules)
            {
                WriteRule(writer, rule);
            }
            writer.WriteEndArray();
        }
        if (!calendar.Exceptions.IsEmpty)
        {
            writer.WriteStartArray("exceptions");
            foreach (var exception in calendar.Exceptions)
            {
                writer.WriteStartObject();
                writer.WriteString("date", exception.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                if (exception.Name is not null)
                {
                    writer.WriteString("name", exception.Name);
                }
                WriteWindows(writer, "hours", exception.Hours);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter writer, CalendarRule rule)
    {
        writer.WriteStartObject();
        writer.WriteString("name", rule.Name);
        switch (rule)
        {
            case FixedDateRule fixedDate:
                writer.WriteNumber("month", fixedDate.Month);
                writer.WriteNumber("day", fixedDate.Day);
                if (fixedDate.Observed != ObservedShift.None)
                {
                    writer.WriteString("observed", JsonNamingPolicy.CamelCase.ConvertName(fixedDate.Observed.ToString()));
                }
                break;
            case NthWeekdayRule nth:
                writer.WriteNumber("month", nth.Month);
                writer.WriteString("weekday", WeekdayNames[(int)nth.Weekday - 1]);
                writer.WriteNumber("occurrence", nth.Occurrence);
                break;
            case EasterRule easter:
                writer.WriteString("easter", easter.Easter == EasterKind.Western ? "western" : "orthodox");
                writer.WriteNumber("offset", easter.Offset);
                break;
        }
        if (!rule.IsHoliday)
        {
            WriteWindows(writer, "hours", rule.Hours);
        }
        if (rule.FromYear is { } from)
        {
            writer.WriteNumber("fromYear", from);
        }
        if (rule.ToYear is { } to)
        {
            writer.WriteNumber("toYear", to);
        }
        writer.WriteEndObject();
    }

    private static void WriteWindows(Utf8JsonWriter writer, string name, IEnumerable<TimeWindow> windows)
    {
        writer.WriteStartArray(name);
        foreach (var window in windows)
        {
            writer.WriteStringValue(window.ToString());
        }
        writer.WriteEndArray();
    }
}
