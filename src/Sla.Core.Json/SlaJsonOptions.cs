using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Sla.Core.Calendars;
using Sla.Core.Compliance;
using Sla.Core.Json.Calendars;
using Sla.Core.Json.Policies;
using Sla.Core.Policies;
using Sla.Core.Text;
using Sla.Core.Tickets;
using Sla.Core.Validation;

namespace Sla.Core.Json;

/// <summary>
/// Configures <see cref="JsonSerializerOptions"/> so every public type a host returns (evaluations and their results,
/// deadlines, report rows, objectives and credits, recommendations, calendars' days, policies and calendars) goes out,
/// and comes back, in the text forms the <c>sla</c> tool and the documents use: camelCase names, instants such as
/// <c>2026-03-27T13:30:00Z</c>, durations such as <c>PT4H30M</c>, local dates <c>2026-03-27</c>, local times <c>16:00</c>,
/// windows <c>09:00-17:30</c>, enums by their lower-camel names (<c>atRisk</c>), metrics by id, targets as in a policy
/// document (<c>{"within":"PT4H","calendar":"london"}</c>), policies and calendars as whole documents. The records keep
/// their own shape (a result's target is an object here, where <c>sla evaluate</c>'s flatter lines for scripts write
/// <c>"target":"PT4H","calendar":"london"</c>).
/// </summary>
/// <example>
/// <code>
/// builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.ConfigureForSla());
/// var json = JsonSerializer.Serialize(evaluation, new JsonSerializerOptions().ConfigureForSla());
/// </code>
/// </example>
/// <remarks>
/// The converters use no reflection, so they also serve a source-generated <see cref="JsonSerializerContext"/> built on the
/// configured options. Configure options before their first use (System.Text.Json freezes them then). Thread-safe.
/// </remarks>
public static class SlaJsonOptions
{
    /// <summary>Adds the converters and, unless one is set already, the camelCase naming policy.</summary>
    /// <param name="options">The options to configure.</param>
    /// <param name="zones">The time zone provider for zones, policies and calendars read back; NodaTime's TZDB when <see langword="null"/>.</param>
    /// <returns>The same options, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The options have been used already and can no longer change.</exception>
    public static JsonSerializerOptions ConfigureForSla(this JsonSerializerOptions options, IDateTimeZoneProvider? zones = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        zones ??= DateTimeZoneProviders.Tzdb;
        options.PropertyNamingPolicy ??= JsonNamingPolicy.CamelCase;
        // Inserted first: NodaTime's own duration converter (H:mm:ss) would otherwise win over the ISO form.
        JsonConverter[] ours =
        [
            new DurationConverter(), new LocalTimeConverter(), new MetricConverter(), new TargetConverter(), new TimeWindowConverter(),
            new DocumentConverter<PolicySet>("policy", json => (PolicyDocument.TryParse(json, out var policy, out var problems, zones) ? policy : null, problems), PolicyDocument.Write),
            new DocumentConverter<BusinessCalendar>("calendar", json => (CalendarDocument.TryParse(json, out var calendar, out var problems, zones) ? calendar : null, problems),
                CalendarDocument.Write),
            // The library's enums one by one, which needs no code generated at run time (ahead-of-time compiled hosts).
            Named<CalendarOperation>(), Named<EasterKind>(), Named<ObservedShift>(), Named<MetricStatus>(), Named<SegmentKind>(),
            Named<BusinessDaysPauseRule>(), Named<DeadlineKind>(), Named<MetricCycles>(), Named<MetricPreset>(), Named<MetricTriggerKind>(),
            Named<PriorityChangeRule>(), Named<ReportingPeriod>(), Named<TicketEventKind>(), Named<ValidationSeverity>(),
        ];
        for (var i = 0; i < ours.Length; i++)
        {
            options.Converters.Insert(i, ours[i]);
        }
        if (System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported)
        {
            // A host's own enums are written by name too, where the runtime can make the converter for each.
            options.Converters.Insert(ours.Length, new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        }
        options.ConfigureForNodaTime(zones);
        return options;
    }

    private static JsonStringEnumConverter<T> Named<T>()
        where T : struct, Enum => new(JsonNamingPolicy.CamelCase);

    private static JsonException Invalid(string what, string? text, string problem) => new($"{what} '{text}': {problem}");

    private sealed class DurationConverter : JsonConverter<Duration>
    {
        public override Duration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            return DurationText.TryParse(text, out var duration, out var problem) ? duration : throw Invalid("duration", text, problem);
        }

        public override void Write(Utf8JsonWriter writer, Duration value, JsonSerializerOptions options) => writer.WriteStringValue(DurationText.Format(value));
    }

    /// <summary><c>16:00</c> as the documents write times of day; seconds and fractions only when there are some.</summary>
    private sealed class LocalTimeConverter : JsonConverter<LocalTime>
    {
        public override LocalTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            if (TimeOfDayText.TryParse(text ?? "", out var time))
            {
                return time;
            }
            return NodaTime.Text.LocalTimePattern.ExtendedIso.Parse(text ?? "") is { Success: true } parsed
                ? parsed.Value
                : throw Invalid("local time", text, "write HH:mm, for example 16:00.");
        }

        public override void Write(Utf8JsonWriter writer, LocalTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Second == 0 && value.NanosecondOfSecond == 0 ? TimeOfDayText.Format(value) : NodaTime.Text.LocalTimePattern.ExtendedIso.Format(value));
    }

    private sealed class MetricConverter : JsonConverter<Metric>
    {
        public override Metric Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() is { Length: > 0 } id ? Metric.Named(id) : throw new JsonException("A metric is written as its id, such as resolution.");

        public override void Write(Utf8JsonWriter writer, Metric value, JsonSerializerOptions options) => writer.WriteStringValue(value.Id);
    }

    private sealed class TimeWindowConverter : JsonConverter<TimeWindow>
    {
        public override TimeWindow Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            return TimeWindow.TryParse(text ?? "", out var window, out var problem) ? window : throw Invalid("window", text, problem);
        }

        public override void Write(Utf8JsonWriter writer, TimeWindow value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }

    /// <summary>A target as a policy document writes it: <c>{"within":"PT4H","calendar":"london"}</c> or <c>{"businessDays":2,"cutoff":"16:00"}</c>.</summary>
    private sealed class TargetConverter : JsonConverter<SlaTarget>
    {
        public override bool CanConvert(Type typeToConvert) => typeof(SlaTarget).IsAssignableFrom(typeToConvert);

        public override SlaTarget Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            var target = document.RootElement;
            if (target.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException("A target is an object: {\"within\":\"PT4H\"} or {\"businessDays\":2}.");
            }
            string? Text(string name) => target.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            var calendar = Text("calendar");
            if (target.TryGetProperty("within", out _) == target.TryGetProperty("businessDays", out _))
            {
                throw new JsonException("A target is exactly one of: within (a duration such as PT4H) or businessDays (a whole number, with optional cutoff and at).");
            }
            if (Text("within") is { } within)
            {
                return DurationText.TryParse(within, out var duration, out var problem) && duration > Duration.Zero
                    ? new DurationTarget(duration, calendar)
                    : throw Invalid("target", within, problem.Length > 0 ? problem : "a duration target must be more than zero.");
            }
            if (!target.TryGetProperty("businessDays", out var days) || !days.TryGetInt32(out var count))
            {
                throw new JsonException("A target is exactly one of: within (a duration such as PT4H) or businessDays (a whole number, with optional cutoff and at).");
            }
            if (count < 0)
            {
                throw new JsonException($"businessDays {count} is negative: use 0 for the day the ticket is received.");
            }
            try
            {
                return new BusinessDaysTarget(new BusinessDays(count, Time(Text("cutoff")), Time(Text("at"))), calendar);
            }
            catch (ArgumentException e)
            {
                throw new JsonException(e.Message.Split(" (Parameter")[0], e);
            }

            static LocalTime? Time(string? text) =>
                text is null ? null : TimeOfDayText.TryParse(text, out var time) ? time : throw Invalid("local time", text, "write HH:mm, for example 16:00.");
        }

        public override void Write(Utf8JsonWriter writer, SlaTarget value, JsonSerializerOptions options) => PolicyDocumentWriter.WriteTarget(writer, value);
    }

    /// <summary>
    /// A policy or a calendar as its document: written whole, read back through the document's reader with every check, so
    /// an invalid one is a <see cref="JsonException"/> listing its problems.
    /// </summary>
    private sealed class DocumentConverter<T>(string what, Func<string, (T? Value, IEnumerable<ValidationProblem> Problems)> read, Func<T, string> write)
        : JsonConverter<T>
        where T : class
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            var (value, problems) = read(document.RootElement.GetRawText());
            return value ?? throw new JsonException($"Not a valid {what}: {string.Join(" ", problems.Where(p => p.Severity == ValidationSeverity.Error))}");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            using var document = JsonDocument.Parse(write(value));
            document.RootElement.WriteTo(writer);
        }
    }
}
