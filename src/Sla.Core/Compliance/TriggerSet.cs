using System.Collections.Immutable;
using Sla.Core.Policies;
using Sla.Core.Tickets;

namespace Sla.Core.Compliance;

/// <summary>What one event fired: its plain trigger kinds as bits, and the status, group gained and group lost when they changed.</summary>
internal readonly record struct FiredTriggers(int Kinds, string? StatusBecame, string? AssignedTo, string? UnassignedFrom)
{
    public static readonly FiredTriggers Created = new(TriggerSet.Bit(MetricTriggerKind.Created), null, null, null);
}

/// <summary>
/// A metric's list of triggers, compiled so that testing an event costs a mask test in the common case, and
/// a set lookup for status and group triggers however many a list holds.
/// </summary>
internal sealed class TriggerSet
{
    private readonly int kinds;
    private readonly HashSet<string>? statuses;
    private readonly HashSet<string>? assigned;
    private readonly HashSet<string>? unassigned;

    public TriggerSet(ImmutableArray<MetricTrigger> triggers)
    {
        foreach (var trigger in triggers)
        {
            switch (trigger.Kind)
            {
                case MetricTriggerKind.Status:
                    (statuses ??= new(StringComparer.Ordinal)).Add(trigger.Value!);
                    break;
                case MetricTriggerKind.Assigned:
                    (assigned ??= new(StringComparer.Ordinal)).Add(trigger.Value!);
                    break;
                case MetricTriggerKind.Unassigned:
                    (unassigned ??= new(StringComparer.Ordinal)).Add(trigger.Value!);
                    break;
                default:
                    kinds |= Bit(trigger.Kind);
                    break;
            }
        }
    }

    public static int Bit(MetricTriggerKind kind) => 1 << (int)kind;

    /// <summary>The plain trigger an event kind fires, as a bit (status, priority and group changes are added by the simulation when they change).</summary>
    public static int BitOf(TicketEventKind kind) => kind switch
    {
        TicketEventKind.AgentReply => Bit(MetricTriggerKind.AgentReply),
        TicketEventKind.AgentNote => Bit(MetricTriggerKind.AgentNote),
        TicketEventKind.CustomerMessage => Bit(MetricTriggerKind.CustomerMessage),
        TicketEventKind.Resolved => Bit(MetricTriggerKind.Resolved),
        TicketEventKind.Reopened => Bit(MetricTriggerKind.Reopened),
        _ => 0,
    };

    public bool FiresOn(in FiredTriggers fired) =>
        (kinds & fired.Kinds) != 0
        || (fired.StatusBecame is { } status && statuses?.Contains(status) == true)
        || (fired.AssignedTo is { } gained && assigned?.Contains(gained) == true)
        || (fired.UnassignedFrom is { } lost && unassigned?.Contains(lost) == true);
}
