using System.Collections.Immutable;
using FluentValidation;
using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Validation;

namespace Sla.Core.Policies;

/// <summary>
/// The one validator every policy passes through, from C# or from a document. Reports every problem at
/// once with its document path; a first-response target longer than the resolution target on the same
/// clock is a warning, everything else an error.
/// </summary>
internal sealed class PolicyValidator : AbstractValidator<PolicySetBuilder>
{
    private PolicyValidator()
    {
        RuleFor(p => p.Id).NotEmpty().OverridePropertyName("id").WithMessage("A policy needs an id.");
        RuleFor(p => p.VersionBuilders).NotEmpty().OverridePropertyName("versions").WithMessage("A policy needs at least one version.");
        RuleFor(p => p).Custom(CheckVersionsDistinct);
        RuleFor(p => p).Custom((policy, context) => policy.VersionBuilders.ToList().ForEach(version => CheckVersion(version, context)));
    }

    public static PolicyValidator Instance { get; } = new();

    public ImmutableArray<ValidationProblem> Problems(PolicySetBuilder builder) =>
        [.. Validate(builder).Errors.Select(BusinessCalendarValidator.ToProblem)];

    private static void CheckVersionsDistinct(PolicySetBuilder policy, ValidationContext<PolicySetBuilder> context)
    {
        var seen = new Dictionary<Instant, PolicyVersionBuilder>();
        var names = new Dictionary<string, PolicyVersionBuilder>();
        foreach (var version in policy.VersionBuilders)
        {
            if (!seen.TryAdd(version.EffectiveFrom, version))
            {
                context.AddFailure($"{version.Path}.effectiveFrom",
                    $"{Text.InstantText.Format(version.EffectiveFrom)} is also the effective-from of {seen[version.EffectiveFrom].Path}: two versions cannot come into force at the same instant.");
            }
            if (string.IsNullOrWhiteSpace(version.Version))
            {
                context.AddFailure($"{version.Path}.version", "A version needs a name, such as 2026.1.");
            }
            else if (!names.TryAdd(version.Version, version))
            {
                context.AddFailure($"{version.Path}.version", $"Version '{version.Version}' is also {names[version.Version].Path}'s name: version names must be unique.");
            }
        }
    }

    /// <summary>A composite names its members by id in a document, so each must be a calendar of the same version (or 24x7).</summary>
    private static void CheckCompositeMembers(PolicyVersionBuilder version, ValidationContext<PolicySetBuilder> context)
    {
        var calendars = version.CalendarEntries.Select(c => c.Value).ToHashSet();
        foreach (var (composite, path) in version.CalendarEntries.Where(c => c.Value.IsComposite))
        {
            var field = composite.Operation!.Value.ToString().ToLowerInvariant();
            for (var i = 0; i < composite.Members.Length; i++)
            {
                var member = composite.Members[i];
                if (!member.IsAlwaysOpen && !calendars.Contains(member))
                {
                    context.AddFailure($"{path}.{field}[{i}]",
                        $"'{composite.Id}' is built from '{member.Id}', which is not among this version's calendars: add that calendar to the version too.");
                }
            }
        }
    }

    private static void CheckVersion(PolicyVersionBuilder version, ValidationContext<PolicySetBuilder> context)
    {
        var calendarIds = Unique(version.CalendarEntries.Select(c => new Pathed<string>(c.Value.Id, $"{c.Path}.id")), "calendar id", context);
        foreach (var (calendar, path) in version.CalendarEntries.Where(c => c.Value.Id == BusinessCalendar.AlwaysOpenId))
        {
            context.AddFailure($"{path}.id", $"'{calendar.Id}' is the built-in 24/7 calendar: give this calendar another id.");
        }
        CheckCompositeMembers(version, context);
        calendarIds.UnionWith(version.UnreadableCalendarIds);
        if (version.PriorityEntries.Count == 0)
        {
            context.AddFailure($"{version.Path}.priorities", "A version needs at least one priority, most urgent first.");
        }
        var priorities = Unique(version.PriorityEntries, "priority", context);
        Unique(version.PauseStatusEntries, "pause status", context);
        if (!(version.WarningAt > 0 && version.WarningAt < 1))
        {
            context.AddFailure(version.WarningAtPath, $"warningAt {version.WarningAt} is not a fraction between 0 and 1 (exclusive), such as 0.75.");
        }
        var metrics = MetricDefinitionChecks.Check(version, context);
        var services = Unique(version.ServiceBuilders.Select(s => new Pathed<string>(s.Id, $"{s.Path}.id")), "service id", context);
        foreach (var service in version.ServiceBuilders)
        {
            CheckService(service, priorities, calendarIds, metrics, context);
        }
        foreach (var (objective, path) in version.ObjectiveEntries)
        {
            CheckReferences(objective.Service, objective.Priority, path, services, priorities, context);
            VariantChecks.CheckReference(version, objective.Service, objective.Variant, path, context);
            CheckMetric(objective.Metric, $"{path}.metric", metrics, context);
            CheckFraction(objective.AtLeast, $"{path}.atLeast", "atLeast", context);
            CheckPeriod(objective.Period, path, context);
        }
        var objectiveScopes = new Dictionary<(string, string?, string?, Metric, ReportingPeriod), string>();
        foreach (var (objective, path) in version.ObjectiveEntries)
        {
            if (!objectiveScopes.TryAdd((objective.Service, objective.Variant, objective.Priority, objective.Metric, objective.Period), path))
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure(path,
                    $"This objective covers the same results over the same period as {objectiveScopes[(objective.Service, objective.Variant, objective.Priority, objective.Metric, objective.Period)]}: the report checks both; keep one.")
                { Severity = Severity.Warning });
            }
        }
        foreach (var (tier, path) in version.CreditEntries)
        {
            CheckReferences(tier.Service, tier.Priority, path, services, priorities, context);
            VariantChecks.CheckReference(version, tier.Service, tier.Variant, path, context);
            CheckMetric(tier.Metric, $"{path}.metric", metrics, context);
        }
        CheckTiers(version.CreditEntries.GroupBy(c => (c.Value.Service, c.Value.Metric, c.Value.Priority, c.Value.Variant))
            .Select(g => g.Select(c => new Pathed<(decimal Below, decimal Credit)>((c.Value.Below, c.Value.CreditPercent), c.Path)).ToList()), context);
        foreach (var (objective, path) in version.AvailabilityEntries)
        {
            CheckReferences(objective.Service, null, path, services, priorities, context);
            CheckFraction(objective.AtLeast, $"{path}.atLeast", "atLeast", context);
            CheckPeriod(objective.Period, path, context);
            CheckCalendar(objective.CalendarId, $"{path}.calendar", calendarIds, context);
            var credits = objective.Credits.IsDefault ? [] : objective.Credits;
            CheckTiers([credits.Select((c, i) => new Pathed<(decimal Below, decimal Credit)>((c.Below, c.CreditPercent), $"{path}.credits[{i}]")).ToList()], context);
        }
    }

    private static void CheckService(ServiceBuilder service, HashSet<string> priorities, HashSet<string> calendarIds, HashSet<string>? metrics,
        ValidationContext<PolicySetBuilder> context)
    {
        if (string.IsNullOrWhiteSpace(service.Name))
        {
            context.AddFailure($"{service.Path}.name", $"Service '{service.Id}' needs a name for people.");
        }
        CheckTargets($"Service '{service.Id}'", service.TargetEntries, priorities, calendarIds, metrics, context);
        Unique(service.VariantBuilders.Select(v => new Pathed<string>(v.Id, $"{v.Path}.id")), "variant id", context);
        foreach (var variant in service.VariantBuilders)
        {
            VariantChecks.Check(variant, $"Variant '{variant.Id}' of service '{service.Id}'", priorities, calendarIds, metrics, context);
        }
        VariantChecks.CheckShadowed(service, context);
    }

    internal static void CheckTargets(string owner, IReadOnlyList<Pathed<ServiceTarget>> entries, HashSet<string> priorities, HashSet<string> calendarIds,
        HashSet<string>? metrics, ValidationContext<PolicySetBuilder> context)
    {
        var seen = new HashSet<(string, Metric)>();
        foreach (var ((priority, metric, target), path) in entries)
        {
            if (!priorities.Contains(priority))
            {
                context.AddFailure(path[..path.LastIndexOf('.')], $"'{priority}' is not a priority of this version; the priorities are {string.Join(", ", priorities)}.");
            }
            if (!seen.Add((priority, metric)))
            {
                context.AddFailure(path, $"{owner} already has a {metric.Id} target for {priority}.");
            }
            CheckMetric(metric, path, metrics, context);
            CheckCalendar(target.CalendarId, $"{path}.calendar", calendarIds, context);
            if (target is DurationTarget { Within: var within } && within <= Duration.Zero)
            {
                context.AddFailure($"{path}.within", $"{Text.DurationText.Format(within)} is not a target: a duration target must be more than zero.");
            }
            if (target is DurationTarget { Within: var longest } && longest > BusinessCalendar.MaxAmount)
            {
                context.AddFailure($"{path}.within",
                    $"{Text.DurationText.Format(longest)} is longer than business-time arithmetic reaches: a duration target is at most {Text.DurationText.Format(BusinessCalendar.MaxAmount)} (10,000 years).");
            }
        }
        foreach (var group in entries.GroupBy(t => t.Value.Priority))
        {
            var first = group.FirstOrDefault(t => t.Value.Metric == Metric.FirstResponse);
            var resolution = group.FirstOrDefault(t => t.Value.Metric == Metric.Resolution);
            if (first.Value?.Target is DurationTarget firstTarget && resolution.Value?.Target is DurationTarget resolutionTarget
                && firstTarget.CalendarId == resolutionTarget.CalendarId && firstTarget.Within > resolutionTarget.Within)
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure(first.Path,
                    $"The first-response target ({Text.DurationText.Format(firstTarget.Within)}) is longer than the resolution target ({Text.DurationText.Format(resolutionTarget.Within)}) on the same clock: a ticket could be resolved in time but answered late.")
                { Severity = Severity.Warning });
            }
        }
    }

    private static void CheckReferences(string service, string? priority, string path, HashSet<string> services, HashSet<string> priorities, ValidationContext<PolicySetBuilder> context)
    {
        if (!services.Contains(service))
        {
            context.AddFailure($"{path}.service", $"'{service}' is not a service of this version; the services are {string.Join(", ", services)}.");
        }
        if (priority is not null && !priorities.Contains(priority))
        {
            context.AddFailure($"{path}.priority", $"'{priority}' is not a priority of this version; the priorities are {string.Join(", ", priorities)}.");
        }
    }

    private static void CheckCalendar(string? calendarId, string path, HashSet<string> calendarIds, ValidationContext<PolicySetBuilder> context)
    {
        if (calendarId is not null && calendarId != BusinessCalendar.AlwaysOpenId && !calendarIds.Contains(calendarId))
        {
            var known = string.Join(", ", calendarIds.Append(BusinessCalendar.AlwaysOpenId));
            context.AddFailure(path, $"'{calendarId}' is not a calendar of this version; the calendars are {known}.");
        }
    }

    private static void CheckMetric(Metric metric, string path, HashSet<string>? metrics, ValidationContext<PolicySetBuilder> context)
    {
        if (metrics is not null && !metrics.Contains(metric.Id))
        {
            context.AddFailure(path, $"'{metric.Id}' is not a metric of this version; the metrics are {string.Join(", ", metrics)}.");
        }
    }

    private static void CheckPeriod(ReportingPeriod period, string path, ValidationContext<PolicySetBuilder> context)
    {
        if (!Enum.IsDefined(period))
        {
            context.AddFailure($"{path}.period", $"'{period}' is not a period: use week, month or quarter.");
        }
    }

    private static void CheckFraction(decimal value, string path, string name, ValidationContext<PolicySetBuilder> context)
    {
        if (value <= 0 || value > 1)
        {
            context.AddFailure(path, $"{name} {value} is not a fraction in (0, 1], such as 0.95.");
        }
    }

    /// <summary>Tiers of one kind must give a larger credit the lower the figure falls.</summary>
    private static void CheckTiers(IEnumerable<List<Pathed<(decimal Below, decimal Credit)>>> groups, ValidationContext<PolicySetBuilder> context)
    {
        foreach (var tiers in groups)
        {
            foreach (var ((below, credit), path) in tiers)
            {
                CheckFraction(below, $"{path}.below", "below", context);
                if (credit <= 0 || credit > 100)
                {
                    context.AddFailure($"{path}.creditPercent", $"creditPercent {credit} is not a percentage in (0, 100].");
                }
            }
            var ordered = tiers.OrderByDescending(t => t.Value.Below).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                var (higher, lower) = (ordered[i - 1], ordered[i]);
                if (lower.Value.Below == higher.Value.Below)
                {
                    context.AddFailure($"{lower.Path}.below", $"{higher.Path} has the same threshold ({lower.Value.Below}): each tier needs its own.");
                }
                else if (lower.Value.Credit <= higher.Value.Credit)
                {
                    context.AddFailure($"{lower.Path}.creditPercent",
                        $"Credit tiers are not monotone: below {lower.Value.Below} credits {lower.Value.Credit}%, no more than below {higher.Value.Below} ({higher.Value.Credit}%, {higher.Path}); a lower figure must earn a larger credit.");
                }
            }
        }
    }

    private static HashSet<string> Unique(IEnumerable<Pathed<string>> entries, string what, ValidationContext<PolicySetBuilder> context)
    {
        var firstPath = new Dictionary<string, string>();
        foreach (var (value, path) in entries)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                context.AddFailure(path, $"A {what} cannot be empty.");
            }
            else if (!firstPath.TryAdd(value, path))
            {
                context.AddFailure(path, $"'{value}' is a duplicate {what} (also {firstPath[value]}).");
            }
        }
        return [.. firstPath.Keys];
    }
}
