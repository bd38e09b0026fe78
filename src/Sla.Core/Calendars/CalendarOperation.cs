namespace Sla.Core.Calendars;

/// <summary>How a composite calendar combines its members' working time, instant by instant.</summary>
public enum CalendarOperation
{
    /// <summary>Working when any member is working (follow-the-sun support across offices).</summary>
    Union,

    /// <summary>Working when every member is working (our hours and the customer's).</summary>
    Intersection,

    /// <summary>Working when the first member is working and none of the others is (support minus maintenance).</summary>
    Difference,
}
