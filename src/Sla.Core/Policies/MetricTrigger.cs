using System.Diagnostics.CodeAnalysis;

namespace Sla.Core.Policies;

/// <summary>What kind of ticket event a <see cref="MetricTrigger"/> fires on.</summary>
public enum MetricTriggerKind
{
    /// <summary>The ticket's creation: a pseudo-event at the creation instant, before every logged event.</summary>
    Created,

    /// <summary>A message from the customer.</summary>
    CustomerMessage,

    /// <summary>A public reply by an agent.</summary>
    AgentReply,

    /// <summary>An internal note by an agent.</summary>
    AgentNote,

    /// <summary>The ticket was resolved.</summary>
    Resolved,

    /// <summary>The ticket was reopened.</summary>
    Reopened,

    /// <summary>The priority changed (to any other priority).</summary>
    Priority,

    /// <summary>The status became <see cref="MetricTrigger.Value"/> (from another status).</summary>
    Status,

    /// <summary>The group became <see cref="MetricTrigger.Value"/> (from another group or none).</summary>
    Assigned,

    /// <summary>The group stopped being <see cref="MetricTrigger.Value"/>.</summary>
    Unassigned,
}

/// <summary>
/// An event that starts, stops, cancels or resumes a metric's clock: <c>created</c>, <c>customerMessage</c>,
/// <c>agentReply</c>, <c>agentNote</c>, <c>resolved</c>, <c>reopened</c>, <c>priority</c>, <c>status:&lt;s&gt;</c>,
/// <c>assigned:&lt;g&gt;</c> or <c>unassigned:&lt;g&gt;</c>. Status, group and priority triggers fire only when the
/// value actually changes.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record MetricTrigger
{
    private static readonly (string Name, MetricTriggerKind Kind)[] Plain =
    [
        ("created", MetricTriggerKind.Created), ("customerMessage", MetricTriggerKind.CustomerMessage),
        ("agentReply", MetricTriggerKind.AgentReply), ("agentNote", MetricTriggerKind.AgentNote),
        ("resolved", MetricTriggerKind.Resolved), ("reopened", MetricTriggerKind.Reopened), ("priority", MetricTriggerKind.Priority),
    ];

    private static readonly (string Prefix, MetricTriggerKind Kind)[] Valued =
    [
        ("status:", MetricTriggerKind.Status), ("assigned:", MetricTriggerKind.Assigned), ("unassigned:", MetricTriggerKind.Unassigned),
    ];

    private MetricTrigger(MetricTriggerKind kind, string? value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>Gets the <c>created</c> trigger.</summary>
    public static MetricTrigger Created { get; } = new(MetricTriggerKind.Created, null);

    /// <summary>Gets the <c>customerMessage</c> trigger.</summary>
    public static MetricTrigger CustomerMessage { get; } = new(MetricTriggerKind.CustomerMessage, null);

    /// <summary>Gets the <c>agentReply</c> trigger.</summary>
    public static MetricTrigger AgentReply { get; } = new(MetricTriggerKind.AgentReply, null);

    /// <summary>Gets the <c>agentNote</c> trigger.</summary>
    public static MetricTrigger AgentNote { get; } = new(MetricTriggerKind.AgentNote, null);

    /// <summary>Gets the <c>resolved</c> trigger.</summary>
    public static MetricTrigger Resolved { get; } = new(MetricTriggerKind.Resolved, null);

    /// <summary>Gets the <c>reopened</c> trigger.</summary>
    public static MetricTrigger Reopened { get; } = new(MetricTriggerKind.Reopened, null);

    /// <summary>Gets the <c>priority</c> trigger (any priority change).</summary>
    public static MetricTrigger PriorityChanged { get; } = new(MetricTriggerKind.Priority, null);

    /// <summary>Gets what kind of event the trigger fires on.</summary>
    public MetricTriggerKind Kind { get; }

    /// <summary>Gets the status or group the trigger names; <see langword="null"/> for the other kinds.</summary>
    public string? Value { get; }

    /// <summary>Creates a <c>status:&lt;s&gt;</c> trigger: the status becomes <paramref name="status"/>.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The trigger.</returns>
    /// <exception cref="ArgumentException"><paramref name="status"/> is null, empty or white space.</exception>
    public static MetricTrigger StatusBecomes(string status) => WithValue(MetricTriggerKind.Status, status, nameof(status));

    /// <summary>Creates an <c>assigned:&lt;g&gt;</c> trigger: the group becomes <paramref name="group"/>.</summary>
    /// <param name="group">The group.</param>
    /// <returns>The trigger.</returns>
    /// <exception cref="ArgumentException"><paramref name="group"/> is null, empty or white space.</exception>
    public static MetricTrigger AssignedTo(string group) => WithValue(MetricTriggerKind.Assigned, group, nameof(group));

    /// <summary>Creates an <c>unassigned:&lt;g&gt;</c> trigger: the group stops being <paramref name="group"/>.</summary>
    /// <param name="group">The group.</param>
    /// <returns>The trigger.</returns>
    /// <exception cref="ArgumentException"><paramref name="group"/> is null, empty or white space.</exception>
    public static MetricTrigger UnassignedFrom(string group) => WithValue(MetricTriggerKind.Unassigned, group, nameof(group));

    /// <summary>Reads a trigger's text, such as <c>agentReply</c> or <c>status:pending</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="trigger">The trigger, when the text names one.</param>
    /// <param name="problem">A sentence saying what is wrong, when it does not.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a trigger.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out MetricTrigger? trigger, [NotNullWhen(false)] out string? problem)
    {
        trigger = null;
        problem = null;
        foreach (var (name, kind) in Plain)
        {
            if (text == name)
            {
                trigger = kind switch
                {
                    MetricTriggerKind.Created => Created,
                    MetricTriggerKind.CustomerMessage => CustomerMessage,
                    MetricTriggerKind.AgentReply => AgentReply,
                    MetricTriggerKind.AgentNote => AgentNote,
                    MetricTriggerKind.Resolved => Resolved,
                    MetricTriggerKind.Reopened => Reopened,
                    _ => PriorityChanged,
                };
                return true;
            }
        }
        foreach (var (prefix, kind) in Valued)
        {
            if (text is not null && text.StartsWith(prefix, StringComparison.Ordinal))
            {
                var value = text[prefix.Length..];
                if (string.IsNullOrWhiteSpace(value))
                {
                    problem = $"'{text}' does not say which {(kind == MetricTriggerKind.Status ? "status" : "group")}: write it after the colon, such as {prefix}{(kind == MetricTriggerKind.Status ? "pending" : "L2")}.";
                    return false;
                }
                if (value.Trim() != value)
                {
                    // Statuses and groups are compared exactly: a stray space would make a trigger that never fires.
                    problem = $"'{text}' has spaces around the {(kind == MetricTriggerKind.Status ? "status" : "group")}: write {prefix}{value.Trim()}.";
                    return false;
                }
                trigger = new MetricTrigger(kind, value);
                return true;
            }
        }
        problem = $"'{text}' is not a trigger: use created, customerMessage, agentReply, agentNote, resolved, reopened, priority, status:<status>, assigned:<group> or unassigned:<group>.";
        return false;
    }

    /// <summary>Returns the trigger's text, such as <c>agentReply</c> or <c>status:pending</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Kind switch
    {
        MetricTriggerKind.Status => "status:" + Value,
        MetricTriggerKind.Assigned => "assigned:" + Value,
        MetricTriggerKind.Unassigned => "unassigned:" + Value,
        MetricTriggerKind.Priority => "priority",
        _ => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(Kind.ToString()),
    };

    private static MetricTrigger WithValue(MetricTriggerKind kind, string value, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameterName);
        return new MetricTrigger(kind, value);
    }
}
