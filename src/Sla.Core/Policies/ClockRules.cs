namespace Sla.Core.Policies;

/// <summary>What a change of target (a priority change) does to an open cycle that has not breached.</summary>
public enum PriorityChangeRule
{
    /// <summary>Time already counted stays counted; the new target is measured from the cycle's original start.</summary>
    KeepCounted,

    /// <summary>A cycle whose target changes starts again from the change instant with nothing counted.</summary>
    Restart,
}

/// <summary>What a pause does to a business-days deadline.</summary>
public enum BusinessDaysPauseRule
{
    /// <summary>Business time spent paused moves the deadline later.</summary>
    Extend,

    /// <summary>Pauses stop the counting but never move the deadline; a cycle can breach while paused.</summary>
    Ignore,
}
