namespace Sla.Core.Calendars;

/// <summary>
/// Thrown by the throwing forms of the calendar arithmetic (<see cref="BusinessCalendar.Add"/>,
/// <see cref="BusinessCalendar.AddBusinessDays"/>) when the calendar has no working time left in the
/// direction asked. The <c>Try</c> forms report the same outcome as a return value.
/// </summary>
public sealed class DeadlineUnreachableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A plain sentence saying what could not be reached.</param>
    public DeadlineUnreachableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no particular message.</summary>
    public DeadlineUnreachableException()
        : base("unreachable: the calendar has no working time left in that direction.")
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">A plain sentence.</param>
    /// <param name="innerException">The cause.</param>
    public DeadlineUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
