using System.Collections.Immutable;
using FluentValidation;
using FluentValidation.Results;
using NodaTime;
using Sla.Core.Validation;

namespace Sla.Core.Calendars;

/// <summary>
/// The one validator every calendar passes through, whether built in C# or read from a document. It
/// reports every problem at once, each with the document path of the value at fault.
/// </summary>
internal sealed class BusinessCalendarValidator : AbstractValidator<BusinessCalendarBuilder>
{
    private const int MaxEasterOffset = 365;
    private const int OverlapsReported = 10;

    /// <summary>The sentence for a calendar with no working time at all.</summary>
    internal const string NoWorkingTime = "The calendar has no working time: the weekly schedule is empty and no dated exception has hours.";

    private BusinessCalendarValidator()
    {
        RuleFor(b => b.Id).NotEmpty().OverridePropertyName("id")
            .WithMessage("A calendar needs an id.");
        RuleFor(b => b.TimeZoneId).NotEmpty().OverridePropertyName("timeZone")
            .WithMessage("A calendar needs an IANA time zone, such as Europe/London.");
        RuleFor(b => b.TimeZoneId)
            .Must((b, zone) => b.TimeZoneProvider.GetZoneOrNull(zone) is not null)
            .When(b => !string.IsNullOrEmpty(b.TimeZoneId))
            .OverridePropertyName("timeZone")
            .WithMessage(b => $"'{b.TimeZoneId}' is not a time zone known to {b.TimeZoneProvider.VersionId}: use an IANA zone id such as Europe/London.");
        RuleFor(b => b).Custom(CheckWeekly);
        RuleFor(b => b).Custom(CheckRules);
        RuleFor(b => b).Custom(CheckExceptions);
        RuleFor(b => b).Custom(CheckHasWorkingTime);
    }

    /// <summary>Gets the validator; it holds no state, so one instance serves every thread.</summary>
    public static BusinessCalendarValidator Instance { get; } = new();

    /// <summary>Validates a builder and turns the failures into problems.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>Every problem found.</returns>
    public ImmutableArray<ValidationProblem> Problems(BusinessCalendarBuilder builder) =>
        Validate(builder).Errors.Select(ToProblem).ToImmutableArray();

    internal static ValidationProblem ToProblem(ValidationFailure failure) => new(
        failure.PropertyName,
        failure.ErrorMessage,
        failure.Severity == Severity.Error ? ValidationSeverity.Error : ValidationSeverity.Warning);

    private static void CheckWeekly(BusinessCalendarBuilder builder, ValidationContext<BusinessCalendarBuilder> context)
    {
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
        {
            CheckNoOverlap(builder.WeeklyEntries(day), context);
        }
    }

    private static void CheckRules(BusinessCalendarBuilder builder, ValidationContext<BusinessCalendarBuilder> context)
    {
        foreach (var (rule, path) in builder.RuleEntries)
        {
            if (string.IsNullOrWhiteSpace(rule.Name))
            {
                context.AddFailure($"{path}.name", "A rule needs a name: it is shown wherever the rule closes time.");
            }
            if (rule.FromYear > rule.ToYear)
            {
                context.AddFailure($"{path}.toYear", $"toYear {rule.ToYear} is before fromYear {rule.FromYear}: the rule would never apply.");
            }
            switch (rule)
            {
                case FixedDateRule fixedDate:
                    if (CheckMonth(fixedDate.Month, path, context)
                        && (fixedDate.Day < 1 || fixedDate.Day > CalendarSystem.Iso.GetDaysInMonth(2000, fixedDate.Month)))
                    {
                        context.AddFailure($"{path}.day", $"Day {fixedDate.Day} does not exist in month {fixedDate.Month}.");
                    }
                    if (!Enum.IsDefined(fixedDate.Observed))
                    {
                        context.AddFailure($"{path}.observed", $"'{fixedDate.Observed}' is not an observed shift: use none, nearestWeekday, nextWeekday or sundayToMonday.");
                    }
                    break;
                case NthWeekdayRule nth:
                    CheckMonth(nth.Month, path, context);
                    if (nth.Weekday is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
                    {
                        context.AddFailure($"{path}.weekday", "The weekday must be monday to sunday.");
                    }
                    if (nth.Occurrence is not (NthWeekdayRule.Last or (>= 1 and <= 5)))
                    {
                        context.AddFailure($"{path}.occurrence", $"Occurrence {nth.Occurrence} is not 1 to 5, or -1 for the last.");
                    }
                    break;
                case EasterRule easter:
                    if (!Enum.IsDefined(easter.Easter))
                    {
                        context.AddFailure($"{path}.easter", $"'{easter.Easter}' is not an Easter: use western or orthodox.");
                    }
                    if (Math.Abs(easter.Offset) > MaxEasterOffset)
                    {
                        context.AddFailure($"{path}.offset", $"Offset {easter.Offset} is more than {MaxEasterOffset} days from Easter.");
                    }
                    break;
            }
            if (rule.Hours.Length > 1)
            {
                CheckNoOverlap(rule.Hours.Select((w, i) => new PathedWindow(w, $"{path}.hours[{i}]")).ToList(), context);
            }
        }
    }

    private static bool CheckMonth(int month, string path, ValidationContext<BusinessCalendarBuilder> context)
    {
        if (month is >= 1 and <= 12)
        {
            return true;
        }
        context.AddFailure($"{path}.month", $"Month {month} is not 1 to 12.");
        return false;
    }

    private static void CheckExceptions(BusinessCalendarBuilder builder, ValidationContext<BusinessCalendarBuilder> context)
    {
        var firstPathByDate = new Dictionary<LocalDate, string>();
        foreach (var (exception, path) in builder.ExceptionEntries)
        {
            if (!firstPathByDate.TryAdd(exception.Date, path))
            {
                context.AddFailure($"{path}.date",
                    $"{exception.Date:yyyy-MM-dd} already has an exception ({firstPathByDate[exception.Date]}): a date can have only one.");
            }
            if (exception.Hours.Length > 1)
            {
                CheckNoOverlap(exception.Hours.Select((w, i) => new PathedWindow(w, $"{path}.hours[{i}]")).ToList(), context);
            }
        }
    }

    private static void CheckHasWorkingTime(BusinessCalendarBuilder builder, ValidationContext<BusinessCalendarBuilder> context)
    {
        var weeklyEmpty = Enumerable.Range(1, 7).All(d => builder.WeeklyEntries((IsoDayOfWeek)d).Count == 0);
        if (weeklyEmpty && builder.ExceptionEntries.All(e => e.Value.Hours.IsEmpty))
        {
            context.AddFailure("weekly", NoWorkingTime);
        }
    }

    /// <summary>
    /// Reports each window that overlaps one before it (in start order) once, naming the one it overlaps, and
    /// at most <see cref="OverlapsReported"/> of them per list, so a list of thousands of copies of one window
    /// is checked in n log n time and reported in a few lines.
    /// </summary>
    private static void CheckNoOverlap(IReadOnlyList<PathedWindow> windows, ValidationContext<BusinessCalendarBuilder> context)
    {
        if (windows.Count < 2)
        {
            return;
        }
        var ordered = new (TimeWindow Window, PathedWindow Entry, int Index)[windows.Count];
        for (var i = 0; i < ordered.Length; i++)
        {
            ordered[i] = (windows[i].Window, windows[i], i);
        }
        Array.Sort(ordered, static (a, b) => a.Window.StartOffset != b.Window.StartOffset ? a.Window.StartOffset.CompareTo(b.Window.StartOffset) : a.Index.CompareTo(b.Index));
        var furthest = ordered[0];
        var reported = 0;
        var more = 0;
        for (var i = 1; i < ordered.Length; i++)
        {
            // The window that reaches furthest among those before this one is the one it can overlap.
            var reach = ordered[i - 1].Window.EndOffset > furthest.Window.EndOffset ? ordered[i - 1] : furthest;
            furthest = reach;
            if (ordered[i].Window.StartOffset >= reach.Window.EndOffset)
            {
                continue;
            }
            var (later, earlier) = ordered[i].Index > reach.Index ? (ordered[i], reach) : (reach, ordered[i]);
            if (reported++ < OverlapsReported)
            {
                context.AddFailure(later.Entry.Path, $"{later.Window} overlaps {earlier.Window} ({earlier.Entry.Path}): windows of one day must not overlap.");
            }
            else
            {
                more++;
            }
        }
        if (more > 0)
        {
            var listPath = windows[0].Path[..windows[0].Path.LastIndexOf('[')];
            context.AddFailure(listPath, $"{more} more windows of this list overlap others: windows of one day must not overlap.");
        }
    }
}
