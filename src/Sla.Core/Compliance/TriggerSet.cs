using System.Collections.Immutable;
using Sla.Core.Policies;
using Sla.Core.Tickets;

namespace Sla.Core.Compliance;

/// <summary>What one event fired: its plain trigger kinds as bits, and the status, group gained and group lost when they changed.</summary>
internal readonly record struct FiredTriggers(int Kinds, string? StatusBecame, string? AssignedTo, string? UnassignedFrom)
{
    public static FiredTriggers Created { get; } = new(TriggerSet.Bit(MetricTriggerKind.Created), null, null, null);
}

/// <summary>A metric's list of triggers, compiled so that testing an event costs a mask test in the common case.</summary>
internal sealed class TriggerSet
{
    private readonly int kinds;
    private readonly ImmutableArray<MetricTrigger> valued;

    public TriggerSet(ImmutableArray<MetricTrigger> triggers)
    {
        foreach (var trigger in triggers)
        {
            if (trigger.Value is null)
            {
                kinds |= Bit(trigger.Kind);
            }
        }
        valued = [.. triggers.Where(t => t.Value is not null)];
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

    public bool FiresOn(in FiredTriggers fired)
    {
        if ((kinds & fired.Kinds) != 0)
        {
            return true;
        }
        foreach (var trigger in valued)
        {
            var value = trigger.Kind switch
            {
                MetricTriggerKind.Status => fired.StatusBecame,
                MetricTriggerKind.Assigned => fired.AssignedTo,
                _ => fired.UnassignedFrom,
            };
            if (value is not null && string.Equals(value, trigger.Value, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
