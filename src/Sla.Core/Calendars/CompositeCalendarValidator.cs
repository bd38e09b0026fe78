using System.Collections.Immutable;
using FluentValidation;
using Sla.Core.Validation;

namespace Sla.Core.Calendars;

/// <summary>What a composite calendar is made of, as the validator sees it: its members by id.</summary>
/// <param name="Id">The composite's id.</param>
/// <param name="Operation">How the members combine.</param>
/// <param name="MemberIds">The members' ids, in order.</param>
internal sealed record CompositeDefinition(string Id, CalendarOperation Operation, IReadOnlyList<string> MemberIds)
{
    /// <summary>The field a document names the members in: <c>union</c>, <c>intersection</c> or <c>difference</c>.</summary>
    public string Field => OperationField(Operation);

    public static string OperationField(CalendarOperation operation) => operation switch
    {
        CalendarOperation.Union => "union",
        CalendarOperation.Intersection => "intersection",
        _ => "difference",
    };
}

/// <summary>
/// The one validator every composite calendar passes through, built in C# or read from a document; it reports
/// every problem at once with the document path of the value at fault. Members a document names but does not
/// define, and cycles of references, are the document reader's to report: they never reach a built calendar.
/// </summary>
internal sealed class CompositeCalendarValidator : AbstractValidator<CompositeDefinition>
{
    private CompositeCalendarValidator()
    {
        RuleFor(c => c.Id).NotEmpty().OverridePropertyName("id").WithMessage("A calendar needs an id.");
        RuleFor(c => c.Operation).IsInEnum().OverridePropertyName("operation")
            .WithMessage(c => $"{(int)c.Operation} is not a way to combine calendars: use union, intersection or difference.");
        RuleFor(c => c).Custom(CheckMembers);
    }

    /// <summary>Gets the validator; it holds no state, so one instance serves every thread.</summary>
    public static CompositeCalendarValidator Instance { get; } = new();

    public ImmutableArray<ValidationProblem> Problems(CompositeDefinition definition) =>
        Validate(definition).Errors.Select(BusinessCalendarValidator.ToProblem).ToImmutableArray();

    private static void CheckMembers(CompositeDefinition definition, ValidationContext<CompositeDefinition> context)
    {
        var field = definition.Field;
        if (definition.Operation == CalendarOperation.Difference && definition.MemberIds.Count < 2)
        {
            context.AddFailure(field, "A difference needs the calendar to take time from and at least one calendar to take away.");
        }
        else if (definition.MemberIds.Count == 0)
        {
            context.AddFailure(field, $"A{(field == "union" ? "" : "n")} {field} needs at least one member calendar.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.MemberIds.Count; i++)
        {
            var member = definition.MemberIds[i];
            if (member == definition.Id && !string.IsNullOrEmpty(member))
            {
                context.AddFailure($"{field}[{i}]", $"'{member}' is this calendar's own id: a calendar cannot be its own member.");
            }
            else if (!seen.Add(member))
            {
                context.AddFailure($"{field}[{i}]", $"'{member}' is named twice: name each member once.");
            }
        }
    }
}
